package dev.strata.plan;

import java.util.Locale;

/** The three shapes of a deployment (see DESIGN.md). */
public enum Tier {
    HUNDREDS, THOUSANDS, MILLIONS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
