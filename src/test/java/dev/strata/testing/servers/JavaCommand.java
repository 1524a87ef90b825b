package dev.strata.testing.servers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs that run with the same JDK as the tests and start quickly. */
final class JavaCommand {

    private JavaCommand() {
    }

    static List<String> of(String maxHeap, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        // the servers live for seconds to minutes: C1 alone and one GC thread keep the start cheap on 2 cores
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.addAll(arguments);
        return command;
    }
}
