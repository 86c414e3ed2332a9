package org.souk.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.catalog.api.Gig;
import org.souk.catalog.api.GigCatalog;
import org.souk.catalog.api.GigDraft;
import org.souk.catalog.api.GigPackage;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.Role;
import org.souk.persistence.Conflicts;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/** The default catalog, in the {@code catalog_*} tables. */
@Component
public class JpaGigCatalog implements GigCatalog {

    private static final String RACE = "The gig was edited by another request at the same time; reload and retry";

    private final JpaTemplate jpa;
    private final Clock clock;

    @Activate
    public JpaGigCatalog(@Reference(target = "(osgi.unit.name=souk-catalog)") JpaTemplate jpa,
            @Reference(target = CatalogSchema.TARGET) Schema schema, @Reference PlatformClock clock) {
        this(jpa, clock);
    }

    JpaGigCatalog(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Override
    public Gig create(Caller caller, GigDraft draft) {
        if (caller.role() != Role.FREELANCER) {
            throw new ForbiddenException("Only freelancers create gigs");
        }
        GigDraftValidator.validate(draft);
        return jpa.txExpr(TransactionType.Required, em -> {
            String id = UUID.randomUUID().toString();
            GigEntity gig = new GigEntity(id, caller.userId(), clock.instant());
            apply(gig, id, draft, clock.instant());
            em.persist(gig);
            em.flush(); // the version is set on write
            return gig.toGig();
        });
    }

    @Override
    public Gig update(Caller caller, String gigId, GigDraft draft) {
        GigDraftValidator.validate(draft);
        try {
            return replace(caller, gigId, draft, null);
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, RACE);
        }
    }

    @Override
    public Gig update(Caller caller, String gigId, GigDraft draft, long expectedVersion) {
        GigDraftValidator.validate(draft);
        try {
            return replace(caller, gigId, draft, expectedVersion);
        } catch (RuntimeException e) {
            RuntimeException translated = Conflicts.translate(e, RACE);
            if (translated instanceof ConflictException && translated.getCause() == e) {
                // A lost race (another edit committed between our check and our write): the version read is gone.
                throw changed(gigId, expectedVersion, e);
            }
            throw translated;
        }
    }

    private static ConflictException changed(String gigId, long expectedVersion, Throwable cause) {
        return ConflictException.preconditionFailed(GigCatalog.PRECONDITION_FAILED, "Gig " + gigId + " is no longer at version "
                + expectedVersion + "; it was changed meanwhile: reload it and apply your edit again", cause);
    }

    /** Replaces the gig's content; with an expected version, only while the gig is still at it. */
    private Gig replace(Caller caller, String gigId, GigDraft draft, Long expectedVersion) {
        return jpa.txExpr(TransactionType.Required, em -> {
            GigEntity gig = em.find(GigEntity.class, gigId);
            if (gig == null) {
                throw new NotFoundException("No gig " + gigId);
            }
            if (!gig.freelancerId().equals(caller.userId())) {
                throw new ForbiddenException("Only the gig's owner edits it");
            }
            if (expectedVersion != null && gig.version() != expectedVersion) {
                throw changed(gigId, expectedVersion, null);
            }
            apply(gig, gigId, draft, clock.instant());
            // Every edit is a new version, even one that only touches packages; written now so the answer has it.
            em.lock(gig, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            em.flush();
            return gig.toGig();
        });
    }

    /** Brings the gig and its packages in line with the draft, updating packages in place by tier. */
    private static void apply(GigEntity gig, String gigId, GigDraft draft, Instant now) {
        gig.describe(draft.title().trim(), draft.description().trim(), now);
        Map<Tier, GigPackage> wanted = draft.packages().stream()
                .collect(Collectors.toMap(GigPackage::tier, Function.identity()));
        gig.packages().removeIf(p -> !wanted.containsKey(p.tier()));
        List<Tier> present = new ArrayList<>();
        for (GigPackageEntity p : gig.packages()) {
            p.update(wanted.get(p.tier()));
            present.add(p.tier());
        }
        for (GigPackage p : draft.packages()) {
            if (!present.contains(p.tier())) {
                GigPackageEntity created = new GigPackageEntity(gig, gigId, p.tier());
                created.update(p);
                gig.packages().add(created);
            }
        }
    }

    @Override
    public Optional<Gig> find(String gigId) {
        if (gigId == null) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Supports, em -> Optional.ofNullable(em.find(GigEntity.class, gigId)).map(GigEntity::toGig));
    }

    @Override
    public Page<Gig> list(String freelancerId, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        int from = Math.max(0, offset);
        return jpa.txExpr(TransactionType.Supports, em -> {
            String where = freelancerId == null ? "" : " WHERE g.freelancerId = :freelancer";
            TypedQuery<GigEntity> q = em.createQuery("SELECT g FROM GigEntity g" + where + " ORDER BY g.createdAt DESC",
                    GigEntity.class);
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(g) FROM GigEntity g" + where, Long.class);
            if (freelancerId != null) {
                q.setParameter("freelancer", freelancerId);
                count.setParameter("freelancer", freelancerId);
            }
            List<Gig> items = q.setFirstResult(from).setMaxResults(size).getResultList().stream()
                    .map(GigEntity::toGig).toList();
            return new Page<>(items, from, size, count.getSingleResult());
        });
    }

}
