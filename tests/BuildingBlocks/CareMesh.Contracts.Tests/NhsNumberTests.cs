namespace CareMesh.Contracts.Tests;

public class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData("4010232137")]
    [InlineData("4010232110")] // weighted sum divisible by 11: the check digit is 0
    public void Numbers_with_a_correct_check_digit_are_valid(string value) => Assert.True(NhsNumber.IsValid(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("9434765918")] // check digit off by one
    [InlineData("4010232138")]
    [InlineData("1000000010")] // remainder 1: check digit would be 10, never issued
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("94347６5919")] // a full-width digit is not an ASCII digit
    [InlineData("abcdefghij")]
    public void Anything_else_is_not(string? value) => Assert.False(NhsNumber.IsValid(value));

    [Fact]
    public void Every_single_digit_change_of_a_valid_number_is_caught()
    {
        const string valid = "9434765919";
        for (var position = 0; position < 10; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (valid[position] == digit)
                {
                    continue;
                }

                var changed = valid[..position] + digit + valid[(position + 1)..];
                Assert.False(NhsNumber.IsValid(changed), $"{changed} should fail its check");
            }
        }
    }
}
