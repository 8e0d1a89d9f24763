package dev.hypervisor.manifests;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a runnable module's own configuration says about how it is run: its HTTP port and the environment
 * variables it reads, from its application.properties, the shared defaults of service-runtime it runs with, and
 * its JVM Dockerfile. Anything else a manifest sets would be silently ignored, which is the drift these tests
 * catch.
 */
record ServiceConfiguration(String module, int httpPort, Set<String> environmentVariables) {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern DOCKERFILE_VARIABLE = Pattern.compile("(?:ENV |\\$)([A-Z][A-Z0-9_]*)");
    private static final Path SHARED_DEFAULTS =
            Path.of("service-runtime/src/main/resources/META-INF/microprofile-config.properties");

    static ServiceConfiguration of(String module) {
        Path moduleDirectory = Repository.path(module);
        String properties = Repository.read(moduleDirectory.resolve("src/main/resources/application.properties"));
        Set<String> variables = new TreeSet<>(matches(REFERENCE, properties));
        if (usesServiceRuntime(moduleDirectory)) {
            variables.addAll(matches(REFERENCE, Repository.read(Repository.ROOT.resolve(SHARED_DEFAULTS))));
        }
        variables.addAll(matches(DOCKERFILE_VARIABLE, Repository.read(jvmDockerfile(module))));
        return new ServiceConfiguration(module, Integer.parseInt(load(properties).getProperty("quarkus.http.port")),
                variables);
    }

    static Path jvmDockerfile(String module) {
        return Repository.path(module).resolve("src/main/docker/Dockerfile.jvm");
    }

    static Path nativeDockerfile(String module) {
        return Repository.path(module).resolve("src/main/docker/Dockerfile.native");
    }

    /** True when the module reads the variable: named in its configuration, or any Quarkus setting. */
    boolean reads(String variable) {
        return environmentVariables.contains(variable) || variable.startsWith("QUARKUS_");
    }

    private static boolean usesServiceRuntime(Path moduleDirectory) {
        return Repository.read(moduleDirectory.resolve("pom.xml")).contains("<artifactId>service-runtime</artifactId>");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Properties load(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static boolean exists(String module) {
        return Files.isDirectory(Repository.path(module));
    }
}
