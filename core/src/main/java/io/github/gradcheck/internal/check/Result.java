package io.github.gradcheck.internal.check;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.report.Heatmaps;
import io.github.gradcheck.internal.report.Report;
import org.ejml.data.DMatrixRMaj;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The immutable {@link CheckResult} of one check, with the {@link Origin} of a failure for the
 * random-trials runner.
 */
public record Result(Status status,
              Mistake mistake,
              OptionalDouble scaleFactor,
              double maxAbsError,
              double maxRelError,
              long evaluations,
              long seed,
              Optional<Throwable> cause,
              Origin origin,
              Map<String, DMatrixRMaj> analyticValues,
              Map<String, DMatrixRMaj> numericValues,
              java.util.function.Supplier<Report> content) implements CheckResult {

    @Override
    public Map<String, DMatrixRMaj> analytic() {
        return copies(analyticValues);
    }

    @Override
    public Map<String, DMatrixRMaj> numeric() {
        return copies(numericValues);
    }

    private static Map<String, DMatrixRMaj> copies(Map<String, DMatrixRMaj> values) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        values.forEach((name, m) -> out.put(name, m.copy()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Optional<String> picture() {
        return Heatmaps.picture(this, "");
    }

    @Override
    public boolean passed() {
        return status == Status.PASSED;
    }

    @Override
    public String headline() {
        return content.get().headline();
    }

    @Override
    public Map<String, String> facts() {
        return content.get().facts();
    }

    @Override
    public String report() {
        return content.get().render();
    }

    @Override
    public String toString() {
        return report();
    }
}
