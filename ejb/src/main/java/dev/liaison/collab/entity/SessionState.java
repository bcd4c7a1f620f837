package dev.liaison.collab.entity;

/** SCHEDULED until its start, ACTIVE until its end, then CLOSED; CANCELLED if stopped early. */
public enum SessionState {
    SCHEDULED, ACTIVE, CLOSED, CANCELLED;

    public boolean isOver() {
        return this == CLOSED || this == CANCELLED;
    }
}
