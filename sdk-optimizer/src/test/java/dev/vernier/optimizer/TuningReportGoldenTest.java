package dev.vernier.optimizer;

import dev.vernier.testkit.Golden;
import org.junit.jupiter.api.Test;

/**
 * The tuning report's Markdown, byte for byte, from a fixed report. After an intended change:
 * {@code mvn -pl sdk-optimizer -am test -Dtest=TuningReportGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvernier.golden.update=true}, then review the diff of {@code src/test/resources/golden/}.
 */
class TuningReportGoldenTest {

    @Test
    void markdownMatchesTheGoldenFile() {
        Golden.assertMatches("tuning-report.md", FixedReport.report().toMarkdown());
    }
}
