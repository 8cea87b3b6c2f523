using CareMesh.CarePlans.Measures;

namespace CareMesh.CarePlans.Tests.Measures;

/// <summary>The measures' published tables, at every edge.</summary>
public class ScaleTests
{
    [Theory]
    [InlineData("0", 1)]
    [InlineData("47.0", 1)]
    [InlineData("47.1", 2)]
    [InlineData("55.1", 2)]
    [InlineData("55.2", 3)]
    [InlineData("67.0", 3)]
    [InlineData("67.1", 4)]
    [InlineData("100", 4)]
    public void Pam_levels_follow_the_published_cut_offs(string score, int level) =>
        Assert.Equal(level, PatientActivation.LevelOf(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    public static TheoryData<Ons4Question, int, Ons4Band> Ons4Edges()
    {
        var data = new TheoryData<Ons4Question, int, Ons4Band>();
        foreach (var question in (Ons4Question[])[Ons4Question.LifeSatisfaction, Ons4Question.Worthwhile, Ons4Question.Happiness])
        {
            foreach (var (answer, band) in (ValueTuple<int, Ons4Band>[])[(0, Ons4Band.Low), (4, Ons4Band.Low), (5, Ons4Band.Medium), (6, Ons4Band.Medium),
                         (7, Ons4Band.High), (8, Ons4Band.High), (9, Ons4Band.VeryHigh), (10, Ons4Band.VeryHigh)])
            {
                data.Add(question, answer, band);
            }
        }

        foreach (var (answer, band) in (ValueTuple<int, Ons4Band>[])[(0, Ons4Band.VeryLow), (1, Ons4Band.VeryLow), (2, Ons4Band.Low), (3, Ons4Band.Low),
                     (4, Ons4Band.Medium), (5, Ons4Band.Medium), (6, Ons4Band.High), (10, Ons4Band.High)])
        {
            data.Add(Ons4Question.Anxiety, answer, band);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ons4Edges))]
    public void Ons4_answers_are_banded_at_the_ons_thresholds(Ons4Question question, int answer, Ons4Band band) =>
        Assert.Equal(band, PersonalWellbeing.BandOf(question, answer));

    /// <summary>The conversion table as Stewart-Brown et al. (2009) publish it, typed in again from the source.</summary>
    public static TheoryData<int, decimal> SwemwbsTable() => new()
    {
        { 7, 7.00m }, { 8, 9.51m }, { 9, 11.25m }, { 10, 12.40m }, { 11, 13.33m }, { 12, 14.08m }, { 13, 14.75m }, { 14, 15.32m }, { 15, 15.84m },
        { 16, 16.36m }, { 17, 16.88m }, { 18, 17.43m }, { 19, 17.98m }, { 20, 18.59m }, { 21, 19.25m }, { 22, 19.98m }, { 23, 20.73m }, { 24, 21.54m },
        { 25, 22.35m }, { 26, 23.21m }, { 27, 24.11m }, { 28, 25.03m }, { 29, 26.02m }, { 30, 27.03m }, { 31, 28.13m }, { 32, 29.31m }, { 33, 30.70m },
        { 34, 32.55m }, { 35, 35.00m },
    };

    [Theory]
    [MemberData(nameof(SwemwbsTable))]
    public void Swemwbs_raw_totals_convert_to_the_published_metric_scores(int raw, decimal metric) => Assert.Equal(metric, ShortWarwickEdinburgh.MetricOf(raw));

    [Fact]
    public void The_swemwbs_table_covers_every_raw_total_and_rises_with_it()
    {
        Assert.Equal(Enumerable.Range(7, 29), ShortWarwickEdinburgh.MetricByRawTotal.Keys.Order());
        Assert.All(Enumerable.Range(8, 28), raw => Assert.True(ShortWarwickEdinburgh.MetricOf(raw) > ShortWarwickEdinburgh.MetricOf(raw - 1)));
    }
}
