namespace Omg.Benchmarks.Live;

/// <summary>Latency samples and their percentiles.</summary>
internal sealed class Percentiles
{
    private readonly List<double> _micros = [];

    public void Add(TimeSpan elapsed) => _micros.Add(elapsed.TotalMicroseconds);

    public double P(double quantile)
    {
        if (_micros.Count == 0)
        {
            return double.NaN;
        }

        _micros.Sort();
        return _micros[Math.Min(_micros.Count - 1, (int)Math.Ceiling(quantile * _micros.Count) - 1)];
    }

    public string Describe() => $"p50 {P(0.50),8:F1} us  p99 {P(0.99),8:F1} us  (n={_micros.Count})";
}
