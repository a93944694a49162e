package dev.amends.survey.repository;

import dev.amends.common.events.PromiseState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A promise made on a case and how it stands. */
@Entity
@Table(name = "promise_view")
public class PromiseView extends PanacheEntityBase {

    @Id
    public UUID promiseId;
    public UUID incidentId;
    @Enumerated(EnumType.STRING)
    public PromiseState state;
}
