namespace Omg.Tests.Shared.Fuzzing;

/// <summary>The laws of a total order, checked on three values at a time.</summary>
internal static class OrderLaws
{
    /// <summary>
    /// A check of <paramref name="compare"/> on (a, b, c): reflexive, antisymmetric (the sign flips with the
    /// arguments), transitive for ≤ and =, and consistent (equal values compare alike against a third).
    /// </summary>
    public static Action<(string A, string B, string C)> Check(Func<string, string, int> compare) => values =>
    {
        (string a, string b, string c) = values;
        int ab = Math.Sign(compare(a, b)), ba = Math.Sign(compare(b, a)), bc = Math.Sign(compare(b, c)), ac = Math.Sign(compare(a, c));
        FuzzPropertyException.Unless(compare(a, a) == 0, $"'{a}' is not equal to itself");
        FuzzPropertyException.Unless(ab == -ba, $"'{a}' vs '{b}' is {ab} but '{b}' vs '{a}' is {ba}");
        if (ab <= 0 && bc <= 0)
        {
            FuzzPropertyException.Unless(ac <= 0 && (ac < 0 || (ab == 0 && bc == 0)), $"'{a}' <= '{b}' <= '{c}' ({ab}, {bc}) but '{a}' vs '{c}' is {ac}");
        }

        if (ab == 0)
        {
            FuzzPropertyException.Unless(ac == bc, $"'{a}' = '{b}' but they compare {ac} and {bc} against '{c}'");
        }
    };
}
