package dev.strata.plan;

/** One line of a plan's arithmetic: what is computed, how, and the result. */
public record Step(String quantity, String arithmetic, String result) {
}
