package dev.strata.testing;

/** Closes a test class's servers and stores at the end: each one, in the order given, whatever the others do. */
public final class Closer {

    private Closer() {
    }

    /** Closes every non-null resource; a failure to close one is ignored so the rest still close. */
    public static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }
}
