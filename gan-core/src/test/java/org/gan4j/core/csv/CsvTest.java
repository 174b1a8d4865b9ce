package org.gan4j.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path dir;

    @Test
    void plainValuesAreWrittenAsTheyAreAndOnlyWhatNeedsItIsQuoted() throws Exception {
        Path file = dir.resolve("a.csv");
        Csv.write(file, List.of("rank", "variant", "flags"), List.of(
                new String[] {"1", "loss.type=minimax", ""},
                new String[] {"2", "loss.type=hinge,seed=3", "diverged 1/2, \"mode\" collapse 1/2"},
                new String[] {"3", "-1.2345678e-05", "NaN"}));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("""
                rank,variant,flags
                1,loss.type=minimax,
                2,"loss.type=hinge,seed=3","diverged 1/2, ""mode"" collapse 1/2"
                3,-1.2345678e-05,NaN
                """);
        List<String[]> rows = Csv.rows(file);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly("2", "loss.type=hinge,seed=3", "diverged 1/2, \"mode\" collapse 1/2");
    }

    @Test
    void appendAddsRowsAndAMissingFileReadsAsNoRows() throws Exception {
        Path file = dir.resolve("b.csv");
        assertThat(Csv.rows(file)).isEmpty();
        Csv.write(file, List.of("x", "y"), List.of());
        Csv.append(file, List.<String[]>of(new String[] {"1", "2"}));
        Csv.append(file, List.of(new String[] {"3", "4"}, new String[] {"5", "6"}));
        assertThat(Files.readString(file)).isEqualTo("x,y\n1,2\n3,4\n5,6\n");
    }

    @Test
    void aRowCutShortByACrashEndsTheReadingKeepingWhatCameBefore() throws Exception {
        Path file = dir.resolve("c.csv");
        Files.writeString(file, "x,y\n1,2\n3,\"unterminated");
        List<String[]> rows = Csv.rows(file);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsExactly("1", "2");
    }

    @Test
    void numbersHaveEightSignificantDigitsInEveryLocale() {
        assertThat(Csv.number(Math.PI)).isEqualTo("3.1415927");
        assertThat(Csv.number(1e-9)).isEqualTo("1.0000000e-09");
        assertThat(Csv.number(Double.NaN)).isEqualTo("NaN");
        assertThat(Csv.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }
}
