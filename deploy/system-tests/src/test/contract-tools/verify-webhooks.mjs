// Verifies delivered webhooks with the Standard Webhooks reference library (not Amends code).
// Reads a JSON array [{"secret", "headers": {"webhook-id", "webhook-timestamp", "webhook-signature"},
// "body"}] from the file named first; prints "verified <id>" or "refused <id>: <why>" per delivery
// and exits 1 when any was refused.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const deliveries = JSON.parse(readFileSync(process.argv[2], "utf8"));
let refused = 0;
for (const delivery of deliveries) {
  const id = delivery.headers["webhook-id"];
  try {
    new Webhook(delivery.secret).verify(delivery.body, delivery.headers);
    console.log(`verified ${id}`);
  } catch (error) {
    refused++;
    console.log(`refused ${id}: ${error.message}`);
  }
}
process.exit(refused === 0 ? 0 : 1);
