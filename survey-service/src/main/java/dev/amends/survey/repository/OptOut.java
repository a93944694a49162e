package dev.amends.survey.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A customer who asked for no more surveys, through the mail of one invitation; kept after an erasure. */
@Entity
@Table(name = "opt_out")
public class OptOut extends PanacheEntityBase {

    @Id
    public String customerRef;
    public UUID invitationId;
    public UUID incidentId;
    public Instant optedOutAt;

    public static boolean of(String customerRef) {
        return count("customerRef", customerRef) > 0;
    }
}
