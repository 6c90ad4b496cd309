package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.PipelineResult.Entry;
import io.github.gradcheck.PipelineResult.Miswiring;
import io.github.gradcheck.PipelineResult.Wiring;
import io.github.gradcheck.Stage;
import io.github.gradcheck.internal.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Renders a pipeline's report from its typed results: one verdict a stage in forward order, the
 * end-to-end verdict, then the details of the first failure (its check's facts), and the cost.
 */
final class PipelineReport {

    /** Wrong entries a wiring fact lists before "…". */
    static final int ENTRIES_SHOWN = 4;

    private PipelineReport() {
    }

    static Report of(PipelineOutcome o) {
        Optional<StageVerdict> failed = o.firstFailure();
        List<Wiring> wiring = o.wiring();
        Report.Builder report = Report.headline(headline(o, failed, wiring));
        List<StageSpec> stages = o.spec().stages();
        for (int i = 0; i < stages.size(); i++) {
            String key = "stage " + stages.get(i).name();
            if (i < o.verdicts().size()) {
                report.fact(key, verdict(o.verdicts().get(i)));
            } else {
                report.fact(key, "not checked: the forward pass stopped at stage \"" + stages.get(o.stop()).name()
                        + "\"");
            }
        }
        report.fact("end to end", endToEnd(o));
        if (failed.isPresent()) {
            StageVerdict v = failed.get();
            report.fact("failed stage", v.stage().name());
            for (String name : v.unreturned()) {
                report.fact("no gradient for " + name, unreturned(v, name));
            }
            details(report, v.result());
        } else if (!o.endToEnd().passed()) {
            if (o.verdicts().size() == stages.size()) {
                report.fact("stages", "all " + stages.size() + " right at the values the forward pass fed them");
            }
            for (Wiring w : wiring) {
                report.fact("wiring " + w.parameter(), wrongEntries(w));
                report.fact("matches " + w.parameter(), w.matches().map(m -> describe(o, m, w.parameter()))
                        .orElse("none of the " + w.candidates() + " miswirings tried"));
            }
            details(report, o.endToEnd());
        }
        PipelineOutcome.Cost c = o.cost();
        report.fact("evaluations", c.total() + " calls of the stages (forward pass " + c.forwardPass() + ", stage checks "
                + c.stageChecks() + ", end to end " + c.endToEnd() + (c.probes() > 0 ? ", probes " + c.probes() : "")
                + ")");
        report.fact("seed", o.seed());
        return report.build();
    }

    private static String headline(PipelineOutcome o, Optional<StageVerdict> failed, List<Wiring> wiring) {
        if (o.passed()) {
            return "pipeline passed: " + o.spec().stages().size() + " stages and the end-to-end gradient of "
                    + String.join(", ", o.endToEndInputs()) + " match finite differences";
        }
        if (failed.isPresent()) {
            return "stage \"" + failed.get().stage().name() + "\" is wrong: " + failed.get().result().headline();
        }
        if (!wiring.isEmpty()) {
            Wiring w = wiring.get(0);
            return "every stage is right, but the end-to-end gradient of " + w.parameter() + " is wired wrong: "
                    + w.matches().map(m -> "it equals " + describe(o, m, w.parameter()))
                    .orElse("it matches none of the " + w.candidates() + " miswirings tried");
        }
        if (o.verdicts().size() < o.spec().stages().size()) {
            return "the forward pass stopped at stage \"" + o.spec().stages().get(o.stop()).name() + "\": "
                    + o.endToEnd().headline();
        }
        return "every stage is right, but the end-to-end check is not: " + o.endToEnd().headline();
    }

    private static String verdict(StageVerdict v) {
        CheckResult r = v.result();
        StringBuilder s = new StringBuilder(statusAndMistake(r));
        s.append(" (").append(v.stage().derivative()).append(" of ").append(String.join(", ", v.differentiated()));
        if (!v.unreturned().isEmpty()) {
            s.append("; none returned for ").append(String.join(", ", v.unreturned())).append(", taken as 0");
        }
        return s.append("; ").append(evaluations(r.evaluations())).append(")").toString();
    }

    private static String endToEnd(PipelineOutcome o) {
        CheckResult r = o.endToEnd();
        List<String> given = new ArrayList<>();
        for (String name : o.endToEndInputs()) {
            if (o.spec().gradients().containsKey(name)) {
                given.add(name);
            }
        }
        String inputs = String.join(", ", o.endToEndInputs());
        String whose = given.isEmpty() ? "gradient of " + inputs + " by the chain rule through the stages"
                : given.size() == o.endToEndInputs().size() ? "your gradient of " + inputs
                : "gradient of " + inputs + ": yours for " + String.join(", ", given) + ", the chain rule's for the rest";
        return statusAndMistake(r) + " (" + whose + "; " + evaluations(r.evaluations()) + " of the whole pass)";
    }

    private static String evaluations(long n) {
        return n + (n == 1 ? " evaluation" : " evaluations");
    }

    private static String statusAndMistake(CheckResult r) {
        return r.status() + (r.mistake() == Mistake.NONE ? "" : ", " + r.mistake());
    }

    private static String unreturned(StageVerdict v, String name) {
        if (name.equals(Stage.INPUT)) {
            return "its " + v.stage().derivative() + " returns no gradient for its input " + Stage.INPUT
                    + ", so the chain rule cannot pass through it to the stages before";
        }
        return "the stage reads " + name + ", but its " + v.stage().derivative() + " returns no gradient for it; if "
                + name + " is data, declare it with constant(\"" + name + "\")";
    }

    private static void details(Report.Builder report, CheckResult r) {
        report.fact("details", r.headline());
        for (Map.Entry<String, String> fact : r.facts().entrySet()) {
            if (!fact.getKey().equals("evaluations") && !fact.getKey().equals("seed")) {
                report.fact(fact.getKey(), fact.getValue());
            }
        }
    }

    private static String wrongEntries(Wiring w) {
        StringJoiner shown = new StringJoiner(", ");
        for (int i = 0; i < Math.min(ENTRIES_SHOWN, w.wrongEntries().size()); i++) {
            Entry e = w.wrongEntries().get(i);
            shown.add("(" + e.row() + ", " + e.col() + ")");
        }
        String more = w.wrongEntries().size() > ENTRIES_SHOWN ? ", …" : "";
        return w.wrongEntries().size() + " of " + w.entries() + " entries differ from the chain rule through the "
                + "stages' derivatives: " + shown + more;
    }

    /** A miswiring in words, naming the stages and what each derivative was given. */
    static String describe(PipelineOutcome o, Miswiring m, String parameter) {
        String stage = "stage \"" + m.stage() + "\"";
        String other = m.other().map(s -> "stage \"" + s + "\"").orElse("");
        return switch (m.kind()) {
            case INPUT_OF_ANOTHER_STAGE -> "the chain rule with " + stage + "'s " + derivative(o, m.stage())
                    + " evaluated at the input of " + other + " (a cached value of the wrong stage)";
            case UPSTREAM_OF_ANOTHER_STAGE -> "the chain rule with " + stage + "'s vjp given the upstream gradient of "
                    + other + " (a gradient passed to the wrong stage)";
            case CONTRIBUTION_MISSING -> "the chain rule without " + stage + "'s contribution to " + parameter
                    + " (a parameter several stages read gets the sum of their contributions)";
        };
    }

    private static String derivative(PipelineOutcome o, String stage) {
        for (StageSpec s : o.spec().stages()) {
            if (s.name().equals(stage)) {
                return s.derivative();
            }
        }
        return "derivative";
    }
}
