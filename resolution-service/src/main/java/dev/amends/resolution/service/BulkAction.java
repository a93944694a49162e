package dev.amends.resolution.service;

import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Cause;
import dev.amends.common.events.CompensationKind;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.Verdict;

import java.math.BigDecimal;

/** What a bulk case action does to each case (contract section 8): the body of the single action it stands for. */
public sealed interface BulkAction {

    /** Whether a case in {@code status} takes this change; the others are skipped. */
    boolean allows(CaseStatus status);

    /** The action's name in {@code POST /case-actions}. */
    String name();

    record Acknowledge(boolean apology, String message) implements BulkAction {
        public boolean allows(CaseStatus status) {
            return StatusTable.ACKNOWLEDGE.allowsFrom(status);
        }

        public String name() {
            return "ACKNOWLEDGE";
        }
    }

    record SetOwner(String owner, String reason) implements BulkAction {
        public boolean allows(CaseStatus status) {
            return status != CaseStatus.CLOSED;
        }

        public String name() {
            return "SET_OWNER";
        }
    }

    record OfferCompensation(CompensationKind kind, BigDecimal amount, String currency, String description)
            implements BulkAction {
        public boolean allows(CaseStatus status) {
            return status != CaseStatus.CLOSED;
        }

        public String name() {
            return "OFFER_COMPENSATION";
        }
    }

    record Resolve(Outcome outcome, String summary, Cause cause, Verdict expectedVerdict) implements BulkAction {
        public boolean allows(CaseStatus status) {
            return StatusTable.RESOLVE.allowsFrom(status);
        }

        public String name() {
            return "RESOLVE";
        }
    }
}
