package dev.amends.survey.service;

import dev.amends.common.events.CustomerLapsed;
import dev.amends.common.events.Topics;
import dev.amends.common.events.ValueTier;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.survey.config.SurveyConfig;
import dev.amends.survey.repository.Interview;
import dev.amends.survey.repository.InterviewAnswer;
import dev.amends.survey.repository.InterviewRepository;
import dev.amends.survey.repository.InterviewState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Exit interviews as lapses arrive (contract section 9): one scheduled per lapse of a customer who
 * is not HIGH value (intake opens a win-back case for those), decided only when due, PT1H later,
 * by {@link InterviewWork}: by then the incidents that qualify it have arrived.
 */
@ApplicationScoped
public class Interviews {

    private static final Logger LOG = Logger.getLogger(Interviews.class);

    private final SurveyConfig config;
    private final SurveyTokens tokens;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final InterviewRepository interviews;

    public Interviews(SurveyConfig config, SurveyTokens tokens, OutboxWriter outbox, Clock clock,
                      InterviewRepository interviews) {
        this.config = config;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
        this.interviews = interviews;
    }

    /**
     * The interview of a lapse, once. A lapse older than a link's validity is a replay of the
     * topic (a rebuilt read model), and a rebuild sends no mail.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(CustomerLapsed lapsed) {
        if (lapsed.valueTier() == ValueTier.HIGH || interviews.exists(lapsed.customerRef(), lapsed.lapsedAt())) {
            return;
        }
        Instant now = Instants.truncate(clock.instant());
        if (!lapsed.lapsedAt().plus(config.linkValidFor()).isAfter(now)) {
            LOG.debugf("lapse of %s at %s, longer ago than a link is valid: no interview", lapsed.customerRef(),
                    lapsed.lapsedAt());
            return;
        }
        Interview interview = new Interview();
        interview.id = UUID.randomUUID();
        interview.customerRef = lapsed.customerRef();
        interview.lapsedAt = lapsed.lapsedAt();
        interview.state = InterviewState.SCHEDULED;
        interview.dueAt = now.plus(config.interview().settleDelay());
        interview.tokenSeed = tokens.newSeed();
        interview.tokenHash = tokens.hash(tokens.token(interview.tokenSeed));
        interview.persist();
    }

    /** The customer's personal data was erased: their interview comments go, and interviews not mailed yet are cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(String customerRef) {
        Instant now = Instants.truncate(clock.instant());
        for (Interview interview : interviews.ofCustomer(customerRef)) {
            InterviewAnswer answer = InterviewAnswer.findById(interview.id);
            if (answer != null && answer.comment != null) {
                answer.comment = null;
                outbox.writePlain(Topics.COMMENTS, interview.id.toString(), null);
            }
            if (interview.state == InterviewState.SCHEDULED) {
                close(interview, InterviewState.CANCELLED, now);
            }
        }
    }

    static void close(Interview interview, InterviewState state, Instant now) {
        interview.state = state;
        interview.closedAt = now;
        interview.sendingUntil = null;
    }
}
