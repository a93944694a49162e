package dev.amends.common.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The {@code data} of an Amends CloudEvent. */
public interface EventData {

    @JsonIgnore
    EventType eventType();
}
