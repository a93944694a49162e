package dev.amends.common.events;

/** Where the customer reported the incident. */
public enum Channel {
    EMAIL, PHONE, WEB, CHAT, SOCIAL, STORE, OTHER
}
