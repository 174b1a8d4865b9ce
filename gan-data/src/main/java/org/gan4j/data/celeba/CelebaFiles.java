package org.gan4j.data.celeba;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.gan4j.api.Gan4jException;
import org.gan4j.data.images.ImageAttributes;

/** Readers of CelebA's text files: the evaluation partition and the attribute table. */
final class CelebaFiles {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CelebaFiles() {
    }

    /** The image names {@code list_eval_partition.txt} assigns to {@code code} (0 train, 1 valid, 2 test), in file order. */
    static List<String> partition(Path file, int code) {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] parts = SPACES.split(trimmed);
                if (parts.length != 2 || !parts[1].matches("[012]")) {
                    throw Gan4jException.badInput(file + " line " + lineNumber + " is '" + trimmed + "'; each line must be "
                            + "an image name and 0, 1 or 2 (train, valid, test), e.g. '000001.jpg 0'");
                }
                if (parts[1].charAt(0) - '0' == code) {
                    names.add(parts[0]);
                }
            }
        } catch (IOException e) {
            throw Gan4jException.badInput("cannot read " + file + ": " + e.getMessage(), e);
        }
        return names;
    }

    /**
     * The attributes of {@code names} from {@code list_attr_celeba.txt}: a count line, a line of
     * attribute names, then {@code 000001.jpg -1 1 ...}. A malformed file is an error; images
     * missing from it leave the dataset without attributes (logged), since training does not need them.
     */
    static ImageAttributes attributes(Path file, List<String> names, Consumer<String> log) {
        Map<String, Long> rows = new HashMap<>();
        List<String> attributeNames;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String countLine = in.readLine();
            String nameLine = in.readLine();
            if (countLine == null || nameLine == null || !countLine.strip().matches("\\d+")) {
                throw malformed(file, 1, "must start with the number of images, then a line of attribute names");
            }
            int declared = Integer.parseInt(countLine.strip());
            attributeNames = Arrays.asList(SPACES.split(nameLine.strip()));
            if (attributeNames.size() > 64) {
                throw malformed(file, 2, "names " + attributeNames.size() + " attributes; at most 64 are supported");
            }
            int lineNumber = 2;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] parts = SPACES.split(trimmed);
                if (parts.length != attributeNames.size() + 1) {
                    throw malformed(file, lineNumber, "has " + (parts.length - 1) + " values for " + attributeNames.size() + " attributes");
                }
                long bits = 0;
                for (int a = 0; a < attributeNames.size(); a++) {
                    String v = parts[a + 1];
                    if (v.equals("1")) {
                        bits |= 1L << a;
                    } else if (!v.equals("-1") && !v.equals("0")) {
                        throw malformed(file, lineNumber, "has '" + v + "' for " + attributeNames.get(a) + "; values must be 1 or -1");
                    }
                }
                rows.put(parts[0], bits);
            }
            if (rows.size() != declared) {
                throw malformed(file, 1, "declares " + declared + " images but lists " + rows.size());
            }
        } catch (IOException e) {
            throw Gan4jException.badInput("cannot read " + file + ": " + e.getMessage(), e);
        }
        long[] bits = new long[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Long row = rows.get(names.get(i));
            if (row == null) {
                log.accept("celeba: " + file + " has no row for " + names.get(i) + "; the dataset is used without attributes");
                return ImageAttributes.none();
            }
            bits[i] = row;
        }
        return new ImageAttributes(attributeNames, bits);
    }

    private static Gan4jException malformed(Path file, int line, String problem) {
        return Gan4jException.badInput(file + " line " + line + " " + problem + "; fix or delete the file (attributes are optional)");
    }
}
