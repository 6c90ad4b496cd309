/**
 * The engine that runs one check. Where things live, in the order a check runs:
 *
 * <ul>
 *   <li>{@link io.github.gradcheck.internal.check.Checker}: the entry from the API: the first
 *       derivatives, a Hessian beside its gradient, a jvp against its vjp, a label confirmed at a
 *       second point ({@code SecondPoint}), merged by the judge;</li>
 *   <li>{@code Session}: one run at one point: f at the point (finite? deterministic?), the
 *       derivatives prepared ({@code Analytic}, {@code Shapes}, {@code CallsAgain}), the mode
 *       chosen, the comparisons of that mode;</li>
 *   <li>{@code Calibration} and {@code StepPolicy}: the noise of f near the point and the steps it
 *       calls for, and the a-priori bound of FULL mode's first pass (argued in {@code StepPolicy});</li>
 *   <li>{@code FullMode} (with {@code FirstPass}, {@code ColumnWorker}, {@code ParallelColumns},
 *       {@code SecondOrder}, {@code ExactReference}): FULL mode, every coordinate, one central
 *       difference each where the first pass's bound decides, refined elsewhere;</li>
 *   <li>{@code FastMode} (with {@code Directions}, {@code AnalyticAhead}, {@code ProbeLine},
 *       {@code ProbeEstimates}): FAST mode, random directions, and the argument for its
 *       guarantee;</li>
 *   <li>{@code Guard} and {@code Watched}: every call of the user's code, on private copies,
 *       counted, its misbehaviour turned into a typed problem;</li>
 *   <li>{@link io.github.gradcheck.internal.check.Result}: the check's result, its report rendered
 *       when first asked for.</li>
 * </ul>
 *
 * <p>Modes produce typed evidence; the judge in {@code internal.verdict} ranks it into findings
 * and merges them; the renderer in {@code internal.report} writes the report at the very end. No
 * decision here reads a report's text.
 */
package io.github.gradcheck.internal.check;
