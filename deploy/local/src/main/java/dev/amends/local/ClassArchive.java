package dev.amends.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service's application class-data archive (AppCDS) from a training run: the first start of a
 * build records the classes it loaded when it stops cleanly, later starts of the same build map
 * them instead of loading and verifying them again (about 2 s less on two slow cores). The archive
 * is named after the jar's modification time, so a new build trains again; the JVM itself refuses
 * an archive that does not match its class path, and then starts as it would without one.
 */
final class ClassArchive {

    private static final String QUIET = "-Xlog:cds=error,cds+dynamic=error";

    private final Path folder;
    private final String module;
    private final Path archive;
    private final Path training;
    private boolean recording;

    private ClassArchive(Path folder, String module, long build) {
        this.folder = folder;
        this.module = module;
        this.archive = folder.resolve(module + "-" + build + ".jsa");
        this.training = folder.resolve(module + "-" + build + ".jsa.training");
    }

    static ClassArchive in(Path folder, String module, Path jar) throws IOException {
        Files.createDirectories(folder);
        return new ClassArchive(folder, module, Files.getLastModifiedTime(jar).toMillis());
    }

    /**
     * The JVM options of the next start: use the archive, or record one at exit. Recording warns
     * about every class it cannot archive (thousands of lines): only errors go to the log.
     */
    List<String> jvmOptions() throws IOException {
        if (Files.exists(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, QUIET);
        }
        Files.deleteIfExists(training);
        recording = true;
        return List.of("-XX:ArchiveClassesAtExit=" + training, QUIET);
    }

    /** Whether the JVM records an archive on its way out, which makes its stop a few seconds longer. */
    boolean recording() {
        return recording;
    }

    /** After a clean stop: the recorded archive replaces older builds' archives of the module. */
    void keepTraining() throws IOException {
        if (!Files.exists(training)) {
            return;
        }
        try (Stream<Path> older = Files.list(folder)) {
            for (Path each : older.filter(path -> path.getFileName().toString().startsWith(module + "-")).toList()) {
                if (!each.equals(training)) {
                    Files.delete(each);
                }
            }
        }
        Files.move(training, archive, StandardCopyOption.ATOMIC_MOVE);
    }
}
