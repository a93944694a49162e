package dev.amends.common.events;

/** How an incident came to Amends: the customer complained, or Amends reached out (contract sections 8 and 9). */
public enum Origin {
    COMPLAINT, OUTREACH, WIN_BACK
}
