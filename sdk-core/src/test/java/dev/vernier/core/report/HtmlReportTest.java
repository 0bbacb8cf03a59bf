package dev.vernier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.Golden;
import dev.vernier.testkit.ReportFixtures;
import dev.vernier.testkit.SyntheticResults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + HtmlReport.UPLOT_VERSION
            + "/dist/uPlot.iife.min.js";

    @Test
    void mainExampleReportMatchesItsGoldenFile() throws IOException {
        String page = new HtmlReport().render(HtmlReportBrowserTest.mainExampleSet());
        String library = library();
        assertTrue(page.contains(library.replace("</", "<\\/")), "uPlot is inlined whole, from the WebJar");
        // the golden file keeps Vernier's own bytes; the library's are checked above
        Golden.assertMatches("main-example.html", page.replace(library.replace("</", "<\\/"),
                "/* uPlot " + HtmlReport.UPLOT_VERSION + " from the WebJar, " + library.length() + " chars */"));
    }

    @Test
    void everyPhaseReportMatchesItsGoldenFile() throws IOException {
        String page = new HtmlReport().render(ReportFixtures.everyPhase());
        String library = library();
        Golden.assertMatches("every-phase.html", page.replace(library.replace("</", "<\\/"), "/* uPlot */"));
    }

    @Test
    void pageCarriesItsFormatAndOpensOffline() {
        String page = new HtmlReport().render(ReportFixtures.everyPhase());
        assertTrue(page.contains("<meta name=\"vernier-report-format\" content=\"" + HtmlReport.FORMAT_VERSION + "\">"));
        assertTrue(page.contains("\"format\":" + HtmlReport.FORMAT_VERSION));
        assertFalse(Pattern.compile("<script[^>]+src=|<link[^>]+href=|<img|@import|url\\(").matcher(page).find(),
                "nothing is loaded from elsewhere");
        assertFalse(page.substring(page.indexOf("</head>"), page.indexOf("<script id=\"vernier-data\""))
                .matches("(?s).*https?://.*"), "no link out of the page's own content");
    }

    @Test
    void everyChartHasATableBesideIt() {
        String page = new HtmlReport().render(HtmlReportBrowserTest.mainExampleSet());
        Matcher pairs = Pattern.compile("<div class=\"pair\"><figure class=\"chart\">.*?<div class=\"numbers\">(.*?)"
                + "</div></div>", Pattern.DOTALL).matcher(page);
        int n = 0;
        while (pairs.find()) {
            assertTrue(pairs.group(1).contains("<table>") || pairs.group(1).contains("class=\"note\""),
                    "numbers beside chart " + (n + 1));
            n++;
        }
        assertEquals(count(page, "<div class=\"plot\" id=\"chart-"), n);
        assertEquals(count(page, "\"kind\":"), n, "one chart spec per chart");
        assertTrue(n >= 10, "charts: " + n);
    }

    @Test
    void sameResultsGiveTheSameBytesWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = new HtmlReport().render(ReportFixtures.everyPhase());
            Locale.setDefault(Locale.ROOT);
            String root = new HtmlReport().render(ReportFixtures.everyPhase());
            assertEquals(root, german);
            assertFalse(german.contains("1.400,0"), "no grouping or decimal comma");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aRunInWhichEverythingFailedStillRendersAndGradesF() {
        ScenarioResult failed = SyntheticResults.allFailed("raft", "broken", 3);
        String page = new HtmlReport().render(failed);
        assertTrue(page.contains("<span class=\"grade grade-F\">F</span>"), "nothing committed is a hard failure");
        assertTrue(page.contains("nothing committed"));
    }

    @Test
    void textFromResultsIsEscaped() {
        ScenarioResult r = SyntheticResults.result("<script>alert(1)</script>", "a&b", 1, 2, 1, 0.01);
        String page = new HtmlReport().render(r);
        assertFalse(page.contains("<script>alert(1)"));
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; / a&amp;b"));
    }

    @Test
    void emptySetsAndBlankTitlesAreRefused() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> ReportSet.builder(" "));
        assertEquals("title must not be blank, but was ' '", blank.getMessage());
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> ReportSet.builder("x").build());
        assertEquals("a report set needs a result or a tuning trajectory, but has neither", empty.getMessage());
        IllegalArgumentException pair = assertThrows(IllegalArgumentException.class, () -> ReportSet.builder("x")
                .beforeAfter("t", ReportFixtures.everyPhase(), null, null, null));
        assertTrue(pair.getMessage().startsWith("pair 't' must have results before and after"), pair.getMessage());
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String library() throws IOException {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(UPLOT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
