package dev.amends.survey.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of an incident survey-service needs: where to mail the customer and in which language. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentContact(Customer customer) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customer(String email, String locale) {
    }
}
