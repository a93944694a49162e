package dev.amends.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** Class-data archives with a real JVM: recorded on a first run, mapped on the next, renewed per build. */
class ClassArchiveTest {

    @TempDir
    Path folder;

    @Test
    void recordsAnArchiveOnTheFirstRunAndLoadsClassesFromItOnTheNext() throws Exception {
        Path jar = build(1_000);
        ClassArchive first = ClassArchive.in(folder.resolve("archives"), "intake-service", jar);
        run(first.jvmOptions());
        assertThat(first.recording()).isTrue();
        first.keepTraining();

        ClassArchive second = ClassArchive.in(folder.resolve("archives"), "intake-service", jar);
        String classLoading = run(second.jvmOptions(), "-Xlog:class+load=info");

        assertThat(second.recording()).isFalse();
        assertThat(classLoading).contains(Greeting.class.getName() + " source: shared objects file (top)");
    }

    @Test
    void aNewBuildRecordsAgainAndItsArchiveReplacesTheOldOne() throws Exception {
        Path archives = folder.resolve("archives");
        Path jar = build(1_000);
        ClassArchive old = ClassArchive.in(archives, "intake-service", jar);
        run(old.jvmOptions());
        old.keepTraining();
        ClassArchive otherService = ClassArchive.in(archives, "survey-service", jar);
        run(otherService.jvmOptions());
        otherService.keepTraining();

        build(2_000);
        ClassArchive rebuilt = ClassArchive.in(archives, "intake-service", jar);
        run(rebuilt.jvmOptions());
        assertThat(rebuilt.recording()).isTrue();
        rebuilt.keepTraining();

        try (var kept = Files.list(archives)) {
            assertThat(kept.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("intake-service-2000.jsa", "survey-service-1000.jsa");
        }
    }

    @Test
    void keepsNothingWhenTheRunRecordedNothing() throws Exception {
        ClassArchive archive = ClassArchive.in(folder.resolve("archives"), "intake-service", build(1_000));
        archive.jvmOptions();

        archive.keepTraining();

        try (var kept = Files.list(folder.resolve("archives"))) {
            assertThat(kept).isEmpty();
        }
        assertThat(ClassArchive.in(folder.resolve("archives"), "intake-service", build(1_000)).jvmOptions())
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    /** A service's jar in miniature (archives take classes from jars only); its modification time names the build. */
    private Path build(long modified) throws IOException {
        Path jar = folder.resolve("quarkus-run.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Greeting.class.getName());
        String entry = Greeting.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream greeting = Greeting.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            greeting.transferTo(out);
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(modified));
        return jar;
    }

    private String run(List<String> options, String... more) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of(more));
        command.addAll(List.of("-jar", folder.resolve("quarkus-run.jar").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** What the child JVM runs. */
    public static final class Greeting {
        public static void main(String[] args) {
            System.out.println("hello from " + Greeting.class.getName());
        }
    }
}
