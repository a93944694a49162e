package dev.amends.resolution.service;

import dev.amends.common.domain.NotFoundException;
import dev.amends.common.events.Origin;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.json.Instants;
import dev.amends.resolution.repository.CaseAction;
import dev.amends.resolution.repository.CaseRepository;
import dev.amends.resolution.repository.SupportCase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Bulk case actions (contract section 8): one action over every case of a disruption that was
 * there when it started, each case's change an ordinary one ({@link CaseCommands#applyBulk}), in
 * chunks: a chunk is one transaction; if it fails, its cases are tried one by one and a case that
 * still fails is counted as failed with its id. Whichever replica is up works on it.
 */
@ApplicationScoped
public class CaseActions {

    private static final Logger LOG = Logger.getLogger(CaseActions.class);
    private static final int CHUNK = 200;

    private final CaseRepository cases;
    private final CaseCommands commands;
    private final IdempotencyKeys idempotencyKeys;
    private final CaseActionReplies replies;
    private final CaseActionBodies bodies;
    private final Clock clock;

    public CaseActions(CaseRepository cases, CaseCommands commands, IdempotencyKeys idempotencyKeys,
                       CaseActionReplies replies, CaseActionBodies bodies, Clock clock) {
        this.cases = cases;
        this.commands = commands;
        this.idempotencyKeys = idempotencyKeys;
        this.replies = replies;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** Who asks, with the Idempotency-Key (required here) and the body's hash. */
    public record Caller(String actor, String client, String idempotencyKey, String requestHash) {
    }

    /** Starts the action over the disruption's cases (of {@code origin}, if given); none: not found. */
    @Transactional
    public Answer start(UUID disruptionId, Origin origin, BulkAction action, String body, Caller caller) {
        return idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(), () -> {
            Instant now = Instants.truncate(clock.instant());
            long total = cases.countOfDisruption(disruptionId, origin, now);
            if (total == 0) {
                throw new NotFoundException("No case of disruption " + disruptionId
                        + (origin == null ? "" : " with origin " + origin) + ".");
            }
            CaseAction started = new CaseAction();
            started.id = UUID.randomUUID();
            started.disruptionId = disruptionId;
            started.origin = origin;
            started.action = action.name();
            started.body = body;
            started.actor = caller.actor();
            started.state = CaseAction.State.RUNNING;
            started.total = Math.toIntExact(total);
            started.startedAt = now;
            started.persist();
            return replies.started(started);
        });
    }

    public Optional<CaseAction> find(UUID id) {
        return CaseAction.findByIdOptional(id);
    }

    public List<UUID> running() {
        return CaseAction.getEntityManager()
                .createQuery("select a.id from CaseAction a where a.state = :state order by a.startedAt", UUID.class)
                .setParameter("state", CaseAction.State.RUNNING).getResultList();
    }

    /** Works the action's next chunk; false once it is done. */
    public boolean workNext(UUID actionId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> nextChunk(actionId, false));
        } catch (RuntimeException chunkFailed) {
            LOG.warnf("case action %s: a chunk failed (%s); its cases one by one", actionId, chunkFailed.getMessage());
            return QuarkusTransaction.requiringNew().call(() -> nextChunk(actionId, true));
        }
    }

    /**
     * The next cases after the last one taken; the action's row is locked, so replicas take turns.
     * {@code oneByOne}: each case in a transaction of its own, a failure counted, not thrown.
     */
    private boolean nextChunk(UUID actionId, boolean oneByOne) {
        CaseAction action = CaseAction.findById(actionId, LockModeType.PESSIMISTIC_WRITE);
        if (action == null || action.state != CaseAction.State.RUNNING) {
            return false;
        }
        BulkAction change = bodies.action(action.action, action.body);
        List<SupportCase> chunk = oneByOne
                ? unlocked(action)
                : cases.lockNextOfDisruption(action.disruptionId, action.origin, action.startedAt, action.lastCaseId, CHUNK);
        if (chunk.isEmpty()) {
            action.state = CaseAction.State.DONE;
            action.doneAt = Instants.truncate(clock.instant());
            return false;
        }
        for (SupportCase c : chunk) {
            if (oneByOne) {
                applyAlone(action, c.id, change);
            } else if (commands.applyBulk(c, action.actor, change)) {
                action.done++;
            } else {
                action.skipped++;
            }
            action.lastCaseId = c.id;
        }
        return true;
    }

    private List<SupportCase> unlocked(CaseAction action) {
        return QuarkusTransaction.requiringNew().call(() -> cases.lockNextOfDisruption(action.disruptionId, action.origin,
                action.startedAt, action.lastCaseId, CHUNK));
    }

    private void applyAlone(CaseAction action, UUID caseId, BulkAction change) {
        try {
            boolean applied = QuarkusTransaction.requiringNew().call(() -> commands.applyBulk(
                    SupportCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE), action.actor, change));
            if (applied) {
                action.done++;
            } else {
                action.skipped++;
            }
        } catch (RuntimeException failed) {
            LOG.warnf("case action %s: case %s failed (%s)", action.id, caseId, failed.getMessage());
            action.failed++;
            action.failedCaseIds.add(caseId);
        }
    }
}
