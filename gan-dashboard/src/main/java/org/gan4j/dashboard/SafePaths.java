package org.gan4j.dashboard;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a path from a request into a file inside the served directory, or refuses it: every file
 * the dashboard reads comes through here. Refused with 400: anything but plain relative names
 * separated by {@code /} (absolute paths, {@code ..} or {@code .} segments, empty segments,
 * backslashes, control characters, drive letters). Refused with 404: a path that does not exist,
 * a hidden name (starting with a dot: {@code .gan4j-overwritten}, temporary files), and anything
 * whose real location, symbolic links followed, is outside the served directory.
 */
public final class SafePaths {

    private final Path root;

    /** @param root the served directory; must exist */
    public SafePaths(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + root + ": " + e.getMessage(), e);
        }
    }

    /** The served directory, symbolic links resolved. */
    public Path root() {
        return root;
    }

    /**
     * The existing file or directory {@code relative} names, symbolic links resolved.
     *
     * @param relative e.g. {@code quickstart/samples/final.png}; empty for the served directory
     * @throws BadRequestResponse for a malformed path
     * @throws NotFoundResponse   for a missing, hidden or outside one
     */
    public Path resolve(String relative) {
        Path candidate = root;
        if (relative != null && !relative.isEmpty()) {
            for (int i = 0; i < relative.length(); i++) {
                char c = relative.charAt(i);
                if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                    throw new BadRequestResponse("malformed path");
                }
            }
            if (relative.startsWith("/")) {
                throw new BadRequestResponse("absolute paths are not served");
            }
            String trimmed = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
            for (String segment : trimmed.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new BadRequestResponse("malformed path");
                }
                if (segment.startsWith(".")) {
                    throw new NotFoundResponse();
                }
                candidate = candidate.resolve(segment);
            }
        }
        if (!candidate.normalize().startsWith(root)) {
            throw new NotFoundResponse();
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                throw new NotFoundResponse(); // a symbolic link out of the directory
            }
            return real;
        } catch (IOException e) {
            throw new NotFoundResponse();
        }
    }

    /** {@code file}'s path relative to the served directory, {@code /}-separated ("" for the directory itself). */
    public String relative(Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString()));
        return parts.size() == 1 && parts.get(0).isEmpty() ? "" : String.join("/", parts);
    }

    /** Whether {@code file} (resolved) is a regular file. */
    static boolean isFile(Path file) {
        return Files.isRegularFile(file);
    }
}
