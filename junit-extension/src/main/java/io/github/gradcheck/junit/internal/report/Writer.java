package io.github.gradcheck.junit.internal.report;

import java.time.Instant;
import java.util.Optional;

/**
 * The JVM that writes a part of the report, and the build it belongs to.
 *
 * <p>Under Maven, every Surefire or Failsafe fork is a child (through a shell) of the JVM that
 * runs Maven, one per build: parts whose {@code run} is that JVM belong to this build, whichever
 * fork wrote them, and parts of an earlier build are stale. Elsewhere (Gradle, whose daemon
 * outlives builds; an IDE; the console launcher) a JVM is a run of its own, and the parts of other
 * JVMs count only while those JVMs are alive (forks running beside this one).
 *
 * @param run the build: {@code maven:PID@START} of the Maven JVM, else {@code jvm:PID@START} of this one
 * @param pid this JVM's process id
 * @param started this JVM's start time, as an ISO instant ("" when the system does not tell)
 */
record Writer(String run, long pid, String started) {

    private static final int MAX_ANCESTORS = 6;

    /** This JVM. */
    static Writer current() {
        ProcessHandle self = ProcessHandle.current();
        String started = start(self);
        String run = "jvm:" + self.pid() + "@" + started;
        if (System.getProperty("org.gradle.test.worker") == null) {
            Optional<ProcessHandle> p = self.parent();
            for (int i = 0; i < MAX_ANCESTORS && p.isPresent(); i++) {
                ProcessHandle h = p.get();
                if (isMaven(h)) {
                    run = "maven:" + h.pid() + "@" + start(h);
                    break;
                }
                p = h.parent();
            }
        }
        return new Writer(run, self.pid(), started);
    }

    /** Whether the JVM that wrote a part still runs (its process id alive, with the same start time). */
    boolean alive() {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(Writer::start).map(started::equals)
                .orElse(false);
    }

    private static String start(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toString).orElse("");
    }

    /** A JVM running Maven: its launcher is plexus-classworlds (Maven 3 and 4). */
    private static boolean isMaven(ProcessHandle h) {
        ProcessHandle.Info info = h.info();
        String command = info.command().orElse("");
        boolean java = command.endsWith("java") || command.endsWith("java.exe");
        String arguments = String.join(" ", info.arguments().orElse(new String[0])) + " " + info.commandLine().orElse("");
        return java && arguments.contains("org.codehaus.plexus.classworlds");
    }
}
