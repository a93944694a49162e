package dev.amends.intake.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.idempotency.Answer;
import dev.amends.intake.repository.CustomerReturn;
import dev.amends.intake.repository.Lapse;
import dev.amends.intake.service.LapseReplies;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** A lapse's or return's record: 201 at its location the first time, 200 for a repeat. */
@ApplicationScoped
public class LapseAnswers implements LapseReplies {

    @JsonPropertyOrder({"id", "source", "customerId", "customerRef", "lapsedAt", "valueTier", "recordedAt", "winBackIncidentId"})
    public record LapseView(UUID id, String source, String customerId, String customerRef, Instant lapsedAt,
                            String valueTier, Instant recordedAt, UUID winBackIncidentId) {
        static LapseView of(Lapse lapse) {
            return new LapseView(lapse.id, lapse.source, lapse.customerId, lapse.customerRef, lapse.lapsedAt,
                    lapse.valueTier.name(), lapse.recordedAt, lapse.winBackIncidentId);
        }
    }

    @JsonPropertyOrder({"id", "source", "customerId", "customerRef", "returnedAt", "recordedAt"})
    public record ReturnView(UUID id, String source, String customerId, String customerRef, Instant returnedAt,
                             Instant recordedAt) {
        static ReturnView of(CustomerReturn customerReturn) {
            return new ReturnView(customerReturn.id, customerReturn.source, customerReturn.customerId,
                    customerReturn.customerRef, customerReturn.returnedAt, customerReturn.recordedAt);
        }
    }

    private final ObjectMapper mapper;

    public LapseAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Answer lapse(Lapse lapse, boolean first) {
        return Answer.of(mapper, first ? 201 : 200, LapseView.of(lapse), first ? "/lapses/" + lapse.id : null);
    }

    @Override
    public Answer customerReturn(CustomerReturn customerReturn, boolean first) {
        return Answer.of(mapper, first ? 201 : 200, ReturnView.of(customerReturn),
                first ? "/returns/" + customerReturn.id : null);
    }
}
