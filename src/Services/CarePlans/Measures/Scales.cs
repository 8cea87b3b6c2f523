namespace CareMesh.CarePlans.Measures;

/// <summary>
/// Patient Activation Measure (Insignia Health): a score of 0 to 100 (one decimal place) and its
/// level by the published cut-offs: level 1 up to 47.0, level 2 47.1 to 55.1, level 3 55.2 to 67.0,
/// level 4 from 67.1.
/// </summary>
public static class PatientActivation
{
    /// <summary>Each level's highest score, lowest level first.</summary>
    public static readonly IReadOnlyList<(decimal UpTo, int Level)> CutOffs = [(47.0m, 1), (55.1m, 2), (67.0m, 3), (100.0m, 4)];

    public static int LevelOf(decimal score) => CutOffs.First(c => score <= c.UpTo).Level;
}

public enum Ons4Question
{
    LifeSatisfaction,
    Worthwhile,
    Happiness,
    Anxiety,
}

public enum Ons4Band
{
    VeryLow,
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>
/// ONS4 personal wellbeing (Office for National Statistics): four answers of 0 to 10, each banded by
/// the ONS's thresholds. Anxiety runs the other way (a high score is worse), so it has bands of its own.
/// </summary>
public static class PersonalWellbeing
{
    /// <summary>Each band's highest answer, lowest band first.</summary>
    public static readonly IReadOnlyList<(int UpTo, Ons4Band Band)> PositiveBands = [(4, Ons4Band.Low), (6, Ons4Band.Medium), (8, Ons4Band.High), (10, Ons4Band.VeryHigh)];

    public static readonly IReadOnlyList<(int UpTo, Ons4Band Band)> AnxietyBands = [(1, Ons4Band.VeryLow), (3, Ons4Band.Low), (5, Ons4Band.Medium), (10, Ons4Band.High)];

    public static Ons4Band BandOf(Ons4Question question, int answer) =>
        (question == Ons4Question.Anxiety ? AnxietyBands : PositiveBands).First(b => answer <= b.UpTo).Band;
}

/// <summary>
/// The Short Warwick-Edinburgh Mental Wellbeing Scale: seven items scored 1 to 5, their raw total
/// (7 to 35) converted to the metric score by the published conversion table (Stewart-Brown S,
/// Tennant A, Tennant R, Platt S, Parkinson J, Weich S. Internal construct validity of the
/// Warwick-Edinburgh Mental Well-being Scale (WEMWBS): a Rasch analysis using data from the Scottish
/// Health Education Population Survey. Health and Quality of Life Outcomes 2009; 7:15), as
/// reproduced in Warwick Medical School's SWEMWBS user guide.
/// </summary>
public static class ShortWarwickEdinburgh
{
    public const string Source = "Stewart-Brown et al. 2009, Health and Quality of Life Outcomes 7:15; SWEMWBS conversion table (Warwick Medical School)";

    public static readonly IReadOnlyDictionary<int, decimal> MetricByRawTotal = new Dictionary<int, decimal>
    {
        [7] = 7.00m, [8] = 9.51m, [9] = 11.25m, [10] = 12.40m, [11] = 13.33m, [12] = 14.08m, [13] = 14.75m,
        [14] = 15.32m, [15] = 15.84m, [16] = 16.36m, [17] = 16.88m, [18] = 17.43m, [19] = 17.98m, [20] = 18.59m,
        [21] = 19.25m, [22] = 19.98m, [23] = 20.73m, [24] = 21.54m, [25] = 22.35m, [26] = 23.21m, [27] = 24.11m,
        [28] = 25.03m, [29] = 26.02m, [30] = 27.03m, [31] = 28.13m, [32] = 29.31m, [33] = 30.70m, [34] = 32.55m,
        [35] = 35.00m,
    };

    public static decimal MetricOf(int rawTotal) => MetricByRawTotal[rawTotal];
}
