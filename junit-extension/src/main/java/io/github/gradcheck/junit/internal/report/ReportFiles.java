package io.github.gradcheck.junit.internal.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The report's files. Each test plan that made checks writes its part, {@code parts/*.json}; then,
 * holding a lock on {@code parts/.lock} (other forks write beside it), the parts of this build are
 * merged into {@code gradcheck.json} and {@code index.html}, each written to a temporary file and
 * moved into place. Parts of an earlier build whose JVM has ended are deleted (see {@link Writer}).
 * When a test appears in several parts (a rerun), the newest part's records of it count.
 */
final class ReportFiles {

    static final String PAGE = "index.html";
    static final String JSON = "gradcheck.json";
    static final String PARTS = "parts";
    static final String PART_SCHEMA = "gradcheck-report-part";

    private static final AtomicLong PART_NUMBER = new AtomicLong();
    private static final Object JVM_LOCK = new Object(); // a file lock is held per JVM, not per thread

    private ReportFiles() {
    }

    /**
     * What was written.
     *
     * @param page the page
     * @param entries every entry of the build, merged
     * @param skipped part files that could not be read (a warning each)
     */
    record Written(Path page, List<Entry> entries, List<String> skipped) {
    }

    /** A part: who wrote it, when, and its entries. */
    private record Part(Path file, Writer writer, Instant written, List<Entry> entries) {
    }

    /**
     * Writes this plan's part, then the merged report.
     *
     * @param entries the entries of this plan, not empty
     * @throws IOException when a file cannot be written
     */
    static Written write(Path directory, List<Entry> entries, Writer writer, Instant now) throws IOException {
        Path parts = directory.resolve(PARTS);
        Files.createDirectories(parts);
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("schema", PART_SCHEMA);
        part.put("schemaVersion", EntryJson.SCHEMA_VERSION);
        part.put("run", writer.run());
        part.put("pid", writer.pid());
        part.put("started", writer.started());
        part.put("written", now.toString());
        List<Object> list = new ArrayList<>();
        entries.forEach(e -> list.add(EntryJson.tree(e, true)));
        part.put("entries", list);
        String name = "part-" + writer.pid() + "-" + now.toEpochMilli() + "-" + PART_NUMBER.incrementAndGet() + ".json";
        atomically(parts.resolve(name), Json.write(part));
        synchronized (JVM_LOCK) {
            try (FileChannel channel = FileChannel.open(parts.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes
                List<String> skipped = new ArrayList<>();
                List<Part> current = currentParts(parts, writer, skipped);
                List<Entry> merged = merge(current);
                atomically(directory.resolve(JSON), SuiteJson.write(merged, now));
                Path page = directory.resolve(PAGE);
                atomically(page, Html.render(SuitePage.of(merged, now)));
                return new Written(page, merged, skipped);
            }
        }
    }

    /** The parts of this build; stale ones (an earlier build's, whose JVM has ended) are deleted. */
    private static List<Part> currentParts(Path parts, Writer self, List<String> skipped) throws IOException {
        List<Part> current = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(parts, "part-*.json")) {
            for (Path file : files) {
                Part part;
                try {
                    part = read(file);
                } catch (IOException | RuntimeException e) {
                    skipped.add(file.getFileName() + ": " + e.getMessage());
                    continue;
                }
                if (part.writer().run().equals(self.run())) {
                    current.add(part);
                } else if (!part.writer().alive()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        current.sort(Comparator.comparing(Part::written).thenComparing(p -> p.file().getFileName().toString()));
        return current;
    }

    private static Part read(Path file) throws IOException {
        Map<?, ?> tree = (Map<?, ?>) Json.read(Files.readString(file, StandardCharsets.UTF_8));
        if (!PART_SCHEMA.equals(tree.get("schema"))) {
            throw new IllegalArgumentException("not a part of a gradcheck report");
        }
        if (((Number) tree.get("schemaVersion")).intValue() != EntryJson.SCHEMA_VERSION) {
            throw new IllegalArgumentException("written by another version of gradcheck");
        }
        Writer writer = new Writer((String) tree.get("run"), ((Number) tree.get("pid")).longValue(),
                (String) tree.get("started"));
        List<Entry> entries = new ArrayList<>();
        for (Object o : (List<?>) tree.get("entries")) {
            entries.add(EntryJson.entry((Map<?, ?>) o));
        }
        return new Part(file, writer, Instant.parse((String) tree.get("written")), entries);
    }

    /**
     * The entries of the parts, oldest part first, in test-plan order within a part; a test's
     * entries come from the newest part that has it.
     */
    private static List<Entry> merge(List<Part> parts) {
        Map<String, Integer> newest = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            for (Entry e : parts.get(i).entries()) {
                if (e.test().id() != null) {
                    newest.put(e.test().id(), i);
                }
            }
        }
        List<Entry> merged = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            List<Entry> own = new ArrayList<>();
            for (Entry e : parts.get(i).entries()) {
                if (e.test().id() == null || newest.get(e.test().id()) == i) {
                    own.add(e);
                }
            }
            own.sort(Comparator.comparingInt((Entry e) -> e.test().order()).thenComparingLong(Entry::sequence));
            merged.addAll(own);
        }
        return merged;
    }

    /** Writes a file through a temporary file beside it, moved into place. */
    static void atomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + PART_NUMBER.incrementAndGet() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
