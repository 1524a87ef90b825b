package dev.strata.api;

/** Whether this process should get traffic: not while starting, and not once draining for shutdown. */
public final class Readiness {
    public enum State { STARTING, READY, DRAINING }

    private volatile State state = State.STARTING;

    public State state() {
        return state;
    }

    public void ready() {
        state = State.READY;
    }

    public void drain() {
        state = State.DRAINING;
    }
}
