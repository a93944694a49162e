package dev.amends.survey.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A promise made on a case and how it ended: OPEN, KEPT or BROKEN. */
@Entity
@Table(name = "promise_view")
public class PromiseView extends PanacheEntityBase {

    @Id
    public UUID promiseId;
    public UUID incidentId;
    public String state;
}
