package dev.amends.survey.service;

import dev.amends.common.domain.NotFoundException;
import dev.amends.common.events.SurveyOptedOut;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationRepository;
import dev.amends.survey.repository.OptOut;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * A customer's "no more surveys" through the link of any mail they were sent (answered or expired
 * too): recorded once per customerRef with {@code survey.opted-out}, the invitations not mailed yet
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

    public OptOuts(SurveyTokens tokens, InvitationRepository invitations, Invitations scheduling, OutboxWriter outbox,
                   Clock clock) {
        this.tokens = tokens;
        this.invitations = invitations;
        this.scheduling = scheduling;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The locale of the mail the link came in; a link never mailed is unknown. */
    @Transactional
    public String localeOf(String token) {
        return mailed(token).locale;
    }

    /** Records the opt-out (once per customer) and answers the locale for the page. */
    @Transactional
    public String optOut(String token) {
        Invitation invitation = mailed(token);
        invitations.lockCustomer(invitation.customerRef);
        if (!OptOut.of(invitation.customerRef)) {
            Instant now = Instants.truncate(clock.instant());
            OptOut optOut = new OptOut();
            optOut.customerRef = invitation.customerRef;
            optOut.invitationId = invitation.id;
            optOut.incidentId = invitation.incidentId;
            optOut.optedOutAt = now;
            optOut.persist();
            String key = invitation.incidentId.toString();
            outbox.write(key, key, now, new SurveyOptedOut(invitation.incidentId, invitation.attempt, invitation.id,
                    invitation.customerRef, now));
            scheduling.cancelScheduledOf(invitation.customerRef);
        }
        return invitation.locale;
    }

    private Invitation mailed(String token) {
        return tokens.lookupHash(token).flatMap(hash -> Invitation.byTokenHash(hash, LockModeType.NONE))
                .filter(invitation -> invitation.sentAt != null)
                .orElseThrow(() -> new NotFoundException("No survey was mailed with this link."));
    }
}
