package dev.amends.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One service's API as any client reaches it: GET with a bearer token, and how long a list is. */
final class ServiceApi {

    private final String url;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServiceApi(String url, String token) {
        this.url = url;
        this.token = token;
    }

    /** The body of a GET that must answer 200. */
    String get(String path) throws IOException, InterruptedException {
        return send(path).body();
    }

    /** A list's {@code X-Total-Count}: how many items match, whatever the page. */
    long total(String listPath) throws IOException, InterruptedException {
        String separator = listPath.contains("?") ? "&" : "?";
        HttpResponse<String> answer = send(listPath + separator + "size=1");
        return Long.parseLong(answer.headers().firstValue("X-Total-Count")
                .orElseThrow(() -> new IllegalStateException("GET " + listPath + " answered no X-Total-Count")));
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }
}
