package dev.amends.resolution.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.SurveyAnswered;
import dev.amends.common.events.SurveyComment;
import dev.amends.common.messaging.MalformedEventException;
import dev.amends.resolution.repository.CaseHistoryEntry;
import dev.amends.resolution.repository.CaseRepository;
import dev.amends.resolution.repository.CaseResolution;
import dev.amends.resolution.repository.CustomerComment;
import dev.amends.resolution.repository.SupportCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

/**
 * The customer's answer on the case: the ratings of survey.answered on their attempt, and their
 * words from amends.survey-comments.v1, which may arrive before or after the answer. A NO's reopen
 * quotes the words as its reason. Words are personal data: a tombstone on the topic or the
 * customer's erasure removes them, from the reopen's reason too. An exit interview's words (keyed by
 * the interview) answer no attempt and are not kept here.
 */
@ApplicationScoped
public class CustomerVoice {

    private final CaseRepository cases;
    private final ObjectMapper json;

    public CustomerVoice(CaseRepository cases, ObjectMapper json) {
        this.cases = cases;
        this.json = json;
    }

    /** Keeps the answer on its attempt. */
    void keepAnswer(CaseResolution resolution, SurveyAnswered answer) {
        resolution.customerVerdict = answer.resolvedSatisfactorily().name();
        resolution.invitationId = answer.invitationId();
        resolution.satisfaction = answer.satisfaction();
        resolution.comparedToBefore = answer.comparedToBefore() == null ? null : answer.comparedToBefore().name();
        resolution.fairCompensation = answer.fairCompensation();
        resolution.speed = answer.speed();
        resolution.customerCause = answer.cause() == null ? null : answer.cause().name();
        resolution.answeredAt = answer.answeredAt();
    }

    /** The words on that invitation's answer, if they arrived already. */
    String commentOn(UUID invitationId) {
        CustomerComment comment = CustomerComment.findById(invitationId);
        return comment == null ? null : comment.comment;
    }

    /** One record of amends.survey-comments.v1: a comment (stored, or replaced) or a tombstone (erased). */
    public void receive(String invitationKey, String value) {
        UUID invitationId = invitationId(invitationKey);
        if (value == null) {
            CustomerComment comment = CustomerComment.findById(invitationId);
            if (comment != null) {
                erase(comment);
            }
            return;
        }
        if (aboutAnInterview(value)) {
            // An exit interview's words (contract section 9) answer no attempt: no case quotes them.
            return;
        }
        SurveyComment received = read(value);
        if (!invitationId.equals(received.invitationId())) {
            throw new MalformedEventException("comment keyed " + invitationKey + " names invitation "
                    + received.invitationId());
        }
        CustomerComment comment = CustomerComment.findById(invitationId);
        if (comment == null) {
            comment = new CustomerComment();
            comment.invitationId = invitationId;
        }
        comment.caseId = received.incidentId();
        comment.attempt = received.attempt();
        comment.customerRef = received.customerRef();
        comment.comment = received.comment();
        comment.answeredAt = received.answeredAt();
        comment.persist();
        quote(invitationId, comment.caseId, received.comment());
    }

    /** Erases every comment of the customer (customer.personal-data-erased). */
    public void eraseCustomer(String customerRef) {
        cases.commentsOf(customerRef).forEach(this::erase);
    }

    private void erase(CustomerComment comment) {
        quote(comment.invitationId, comment.caseId, null);
        comment.delete();
    }

    /** Puts the words (or null) into the reasons quoting them; the case shows them, so its version grows. */
    private void quote(UUID invitationId, UUID caseId, String words) {
        SupportCase c = SupportCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            return;
        }
        for (CaseHistoryEntry entry : cases.entriesQuoting(invitationId)) {
            entry.reason = words;
        }
        c.changed();
    }

    private boolean aboutAnInterview(String value) {
        try {
            JsonNode comment = json.readTree(value);
            return comment.hasNonNull("interviewId") && !comment.hasNonNull("invitationId");
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("unreadable comment: " + e.getOriginalMessage(), e);
        }
    }

    private SurveyComment read(String value) {
        try {
            SurveyComment comment = json.readValue(value, SurveyComment.class);
            if (comment.invitationId() == null || comment.incidentId() == null || comment.comment() == null) {
                throw new MalformedEventException("comment without invitationId, incidentId or comment");
            }
            return comment;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("unreadable comment: " + e.getOriginalMessage(), e);
        }
    }

    private static UUID invitationId(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("comment key is not an invitation id: " + key);
        }
    }
}
