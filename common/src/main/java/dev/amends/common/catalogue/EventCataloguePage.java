package dev.amends.common.catalogue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event catalogue as one HTML page for analysts: no script, every table with its caption and
 * header cells, long values that wrap, so it reads at 320 CSS pixels as on a desktop.
 */
final class EventCataloguePage {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:70rem;padding:1rem;color:#1a1a1a}
            h1{font-size:1.8rem}h2{margin-top:2.5rem;border-bottom:2px solid #1a1a1a}
            h3{margin-top:2rem;font-family:monospace;font-size:1.1rem;overflow-wrap:anywhere}
            table{border-collapse:collapse;width:100%;table-layout:fixed}
            caption{text-align:left;font-weight:600;padding:.25rem 0}
            th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
            th{background:#f0f0f0}thead th:first-child{width:45%}.type{display:block;font-weight:400}
            dt{font-weight:600}dd{margin:0 0 .5rem 1rem;overflow-wrap:anywhere}code{overflow-wrap:anywhere}
            a{color:#0b4f9c}a:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
            nav li{margin:.25rem 0;padding:.125rem 0}
            """;

    private EventCataloguePage() {
    }

    static String render(EventCatalogue catalogue) {
        Map<String, String> nameOf = catalogue.messages().stream()
                .collect(Collectors.toMap(EventCatalogue.Message::id, EventCatalogue.Message::name));
        Map<String, String> topicOf = catalogue.topics().stream()
                .flatMap(topic -> topic.messages().stream().map(message -> Map.entry(message, topic.address())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> first));
        String title = escape(catalogue.title());
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title><style>%s</style></head>
                <body><header><h1>%s %s</h1><p>%s</p>
                <p>The AsyncAPI 3 document: <a href="/q/asyncapi/amends-events.yaml">amends-events.yaml</a>.</p></header>
                <main><nav aria-labelledby="topics"><h2 id="topics">Topics</h2>%s</nav>%s
                <h2 id="messages">Messages</h2>%s</main></body></html>
                """.formatted(title, STYLE, title, escape(catalogue.version()), escape(catalogue.description()),
                list(catalogue.topics(), topic -> link(topic.id(), topic.address())),
                catalogue.topics().stream().map(topic -> topicSection(topic, nameOf)).collect(Collectors.joining()),
                catalogue.messages().stream().map(message -> messageSection(message, topicOf.getOrDefault(message.id(), "")))
                        .collect(Collectors.joining()));
    }

    private static String topicSection(EventCatalogue.Topic topic, Map<String, String> nameOf) {
        String kept = topic.retentionMs().equals("-1") ? "forever (retention.ms -1)" : topic.retentionMs() + " ms";
        String readBy = topic.readBy().isEmpty() ? "none of the services yet" : String.join(", ", topic.readBy());
        return """
                <section aria-labelledby="%s"><h3 id="%s">%s</h3><p>%s</p><dl>%s%s%s%s%s
                <dt>Messages</dt><dd>%s</dd></dl></section>
                """.formatted(topic.id(), topic.id(), escape(topic.address()), escape(topic.description()),
                term("Partitions", Integer.toString(topic.partitions())), term("Kept", kept),
                term("Clean-up", topic.cleanupPolicy()), term("Sent by", String.join(", ", topic.sentBy())),
                term("Read by", readBy), list(topic.messages(), message -> link(message, nameOf.get(message))));
    }

    private static String messageSection(EventCatalogue.Message message, String topic) {
        String description = message.description() == null ? "" : "<p>" + escape(message.description()) + "</p>";
        String contentType = message.contentType() == null ? "none (a tombstone)" : message.contentType();
        String personal = message.personalData().isEmpty() ? "nothing"
                : list(message.personalData(), EventCataloguePage::escape);
        return """
                <section aria-labelledby="%s"><h3 id="%s">%s</h3><p>%s</p>%s<dl>%s%s%s
                <dt>May hold personal data</dt><dd>%s</dd></dl>%s</section>
                """.formatted(message.id(), message.id(), escape(message.name()), escape(message.summary()), description,
                term("Topic", topic), term("Key", message.key()), term("Content type", contentType), personal,
                fieldsTable(message));
    }

    private static String fieldsTable(EventCatalogue.Message message) {
        if (message.fields().isEmpty()) {
            return "";
        }
        String rows = message.fields().stream().map(field -> """
                <tr><th scope="row"><code>%s</code>%s<span class="type">%s</span></th><td>%s</td></tr>
                """.formatted(escape(field.name()), field.required() ? "" : " (optional)", escape(field.type()),
                escape(field.description()))).collect(Collectors.joining());
        return """
                <table><caption>%s</caption><thead><tr><th scope="col">Field and type</th>
                <th scope="col">Description</th></tr></thead><tbody>%s</tbody></table>
                """.formatted(message.name().startsWith("dev.amends.") ? "Fields of data" : "Fields", rows);
    }

    private static String link(String id, String text) {
        return "<a href=\"#" + id + "\">" + escape(text) + "</a>";
    }

    private static String term(String term, String definition) {
        return "<dt>" + escape(term) + "</dt><dd>" + escape(definition) + "</dd>";
    }

    private static <T> String list(List<T> items, Function<T, String> each) {
        return items.stream().map(item -> "<li>" + each.apply(item) + "</li>")
                .collect(Collectors.joining("", "<ul>", "</ul>"));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
