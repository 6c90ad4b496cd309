package io.github.gradcheck.junit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Domain;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Structure;
import io.github.gradcheck.TrialsResult;
import io.github.gradcheck.testing.QuietTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The page the demo writes: the same renderer as the suite report, well-formed, one section a check. */
class ReportPageTest extends QuietTest {

    private static final DMatrixRMaj X0 = new DMatrixRMaj(new double[][] {{0.3, -1.2}, {0.8, 0.5}});

    private static double squaredNorm(DMatrixRMaj x) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += x.data[i] * x.data[i];
        }
        return s;
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static ReportPage page() {
        CheckResult right = GradCheck.scalar(ReportPageTest::squaredNorm).gradient(x -> {
            DMatrixRMaj g = x.copy();
            org.ejml.dense.row.CommonOps_DDRM.scale(2, g);
            return g;
        }).at(X0).check();
        CheckResult half = GradCheck.scalar(ReportPageTest::squaredNorm).gradient(DMatrixRMaj::copy).at(X0).check();
        TrialsResult trials = GradCheck.scalar(ReportPageTest::squaredNorm).gradient(DMatrixRMaj::copy)
                .forAll(Domain.dims("n=1..3").input("X", "n", "n", Structure.GAUSSIAN)).trials(5).run();
        return ReportPage.titled("A page <of> checks & more", "Checked by hand.")
                .part("Right and wrong", "Two gradients.")
                .add(ReportPage.Check.of("‖X‖², right", right).note("2X.").expected("PASSED", true))
                .add(ReportPage.Check.of("‖X‖², without the 2", half).expected("a failure naming WRONG_SCALE", true))
                .part("Trials", null)
                .add(ReportPage.Check.of("over random shapes", trials).expected("PASSED", false))
                .add(ReportPage.Check.of("another assertion", "FAILED", false, Mistake.NONE, "assertion failed: x",
                        Map.of("status", "FAILED")));
    }

    @Test
    void thePageIsWellFormedWithASectionPerCheckInItsParts() throws Exception {
        Document doc = parse(page().html());
        XPath xpath = XPathFactory.newInstance().newXPath();
        assertEquals(4.0, (Double) xpath.evaluate("count(//*[local-name()='section' and contains(@class,'check')])", doc,
                XPathConstants.NUMBER));
        assertEquals("A page <of> checks & more", xpath.evaluate("//*[local-name()='h1']", doc));
        assertEquals("2. ‖X‖², without the 2", xpath.evaluate("//*[@id='c2-h']", doc));
        assertEquals("WRONG_SCALE", xpath.evaluate("//*[@id='c2']//*[contains(@class,'badge mistake')]", doc));
        assertEquals("✗ expected PASSED", xpath.evaluate("//*[@id='c3']//*[contains(@class,'remark')]", doc));
        assertEquals("Trials", xpath.evaluate("//*[@id='part-2-h']", doc));
        assertEquals("2 of 3", xpath.evaluate("//*[contains(@class,'stat') and *[local-name()='dt']='as expected']"
                + "/*[local-name()='dd']", doc));
        assertFalse(xpath.evaluate("//*[@id='c2']//*[local-name()='svg']/@aria-label", doc).isEmpty());
    }

    @Test
    void addingReturnsANewPageAndLeavesTheOriginalAsItWas() {
        ReportPage one = ReportPage.titled("t", null);
        ReportPage two = one.add(ReportPage.Check.of("x", "PASSED", true, Mistake.NONE, "passed", Map.of()));
        assertFalse(one.html().contains("1. x"));
        assertTrue(two.html().contains("1. x"));
    }

    @Test
    void writeCreatesTheFolder() throws Exception {
        Path parent = Files.createDirectories(Path.of("target", "report-fixtures"));
        Path file = Files.createTempDirectory(parent, "page").resolve("deeper").resolve("index.html");
        assertEquals(file, page().write(file));
        Document doc = parse(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("A page <of> checks & more", XPathFactory.newInstance().newXPath().evaluate("//*[local-name()='h1']",
                doc));
    }
}
