using Photocollect.Grains.Orders;
using Photocollect.Grains.Tests.Support;

namespace Photocollect.Grains.Tests.Orders;

public sealed class OrderNumbersShould
{
    [Fact]
    public void BeTheSchoolCodeThenChinaTimeToTheMillisecond()
    {
        var numbers = new OrderNumbers(new FixedClock(new DateTimeOffset(2024, 2, 20, 3, 38, 24, 101, TimeSpan.Zero)));

        Assert.Equal("000015-20240220113824101", numbers.Next("000015"));
    }

    [Fact]
    public void StayUniqueWithinOneMillisecond()
    {
        var numbers = new OrderNumbers(new FixedClock(new DateTimeOffset(2024, 12, 31, 15, 59, 59, 999, TimeSpan.Zero)));

        var issued = Enumerable.Range(0, 1000).AsParallel().Select(_ => numbers.Next("100001")).ToList();

        Assert.Equal(1000, issued.Distinct().Count());
        Assert.All(issued, n => Assert.True(OrderNumbers.IsWellFormed(n), n));
        Assert.Contains("100001-20241231235959999", issued);
        Assert.Contains("100001-20250101000000000", issued);  // the next millisecond rolls the date over
    }

    [Fact]
    public void CountEachSchoolSeparately()
    {
        var numbers = new OrderNumbers(new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(numbers.Next("000001")[7..], numbers.Next("000002")[7..]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void RefuseASchoolCodeThatIsNotSixDigits(string code)
    {
        var numbers = new OrderNumbers(TimeProvider.System);

        Assert.ThrowsAny<ArgumentException>(() => numbers.Next(code));
    }

    [Theory]
    [InlineData("000015-20240220113824101", true)]
    [InlineData("000015_20240220113824101", false)]
    [InlineData("000015-2024022011382410", false)]
    [InlineData("00001a-20240220113824101", false)]
    [InlineData(null, false)]
    public void TellAWellFormedNumber(string? number, bool expected) => Assert.Equal(expected, OrderNumbers.IsWellFormed(number));
}
