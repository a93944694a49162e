package dev.amends.survey.service;

import dev.amends.common.domain.NotFoundException;
import dev.amends.common.events.SurveyOptedOut;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.survey.repository.IncidentView;
import dev.amends.survey.repository.Interview;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationRepository;
import dev.amends.survey.repository.OptOut;
import dev.amends.survey.repository.RecoveryRollups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer's "no more surveys" through the link of any mail they were sent (a survey or an exit
 * interview, answered or expired too): recorded once per customerRef with {@code survey.opted-out}, the invitations not mailed yet
 * cancelled, no invitation or reminder after it. Kept after an erasure: it is how the objection is
 * honoured.
 */
@ApplicationScoped
public class OptOuts {

    private final SurveyTokens tokens;
    private final InvitationRepository invitations;
    private final Invitations scheduling;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final RecoveryRollups rollups;

    public OptOuts(SurveyTokens tokens, InvitationRepository invitations, Invitations scheduling, OutboxWriter outbox,
                   Clock clock, RecoveryRollups rollups) {
        this.rollups = rollups;
        this.tokens = tokens;
        this.invitations = invitations;
        this.scheduling = scheduling;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The locale of the mail the link came in; a link never mailed is unknown. */
    @Transactional
    public String localeOf(String token) {
        return mailed(token).locale();
    }

    /** Records the opt-out (once per customer) and answers the locale for the page. */
    @Transactional
    public String optOut(String token) {
        MailedLink link = mailed(token);
        invitations.lockCustomer(link.customerRef());
        if (!OptOut.of(link.customerRef())) {
            Instant now = Instants.truncate(clock.instant());
            OptOut optOut = new OptOut();
            optOut.customerRef = link.customerRef();
            optOut.invitationId = link.mailId();
            optOut.incidentId = link.incidentId();
            optOut.optedOutAt = now;
            optOut.persist();
            String key = link.incidentId().toString();
            outbox.write(key, key, now, new SurveyOptedOut(link.incidentId(), link.attempt(), link.mailId(),
                    link.customerRef(), now));
            scheduling.cancelScheduledOf(link.customerRef());
            if (link.incidentId() != null) {
                rollups.changed(link.incidentId());
            }
        }
        return link.locale();
    }

    /**
     * The mail a link came in: a survey invitation or an exit interview. For an interview, the
     * opt-out names the interview as its invitation and the incident's attempt at the time.
     */
    private record MailedLink(String customerRef, UUID mailId, UUID incidentId, int attempt, String locale) {
    }

    private MailedLink mailed(String token) {
        Optional<byte[]> hash = tokens.lookupHash(token);
        return hash.flatMap(h -> Invitation.byTokenHash(h, LockModeType.NONE))
                .filter(invitation -> invitation.sentAt != null)
                .map(invitation -> new MailedLink(invitation.customerRef, invitation.id, invitation.incidentId,
                        invitation.attempt, invitation.locale))
                .or(() -> hash.flatMap(h -> Interview.byTokenHash(h, LockModeType.NONE))
                        .filter(interview -> interview.sentAt != null)
                        .map(interview -> new MailedLink(interview.customerRef, interview.id, interview.incidentId,
                                IncidentView.<IncidentView>findByIdOptional(interview.incidentId)
                                        .map(incident -> incident.currentAttempt).orElse(1), interview.locale)))
                .orElseThrow(() -> new NotFoundException("No survey was mailed with this link."));
    }
}
