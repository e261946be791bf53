# Every default table view, rendered at the two widths people use: no line wider than the console, headers
# never wrapped onto a second line (the line under the headers is the dashes), and long values cut short.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon

    function Get-ViewSample {
        [ordered]@{
            'Omg.Package'          = @(Find-OmgPackage vim -Socket $Socket)
            'Omg.PackageDetail'    = @(Get-OmgPackage vim, openssl, libnghttp2-14 -Socket $Socket)
            'Omg.SystemStatus'     = @(Get-OmgStatus -Socket $Socket)
            'Omg.RuntimeVersion'   = @((Get-OmgStatus -Socket $Socket).RuntimeVersions) + [Omg.RuntimeVersion]@{ Name = 'python'; Version = '3.11.2' }
            'Omg.Suggestion'       = @(Get-OmgSuggestion vi -Socket $Socket -Detailed)
            'Omg.DaemonInfo'       = @(Get-OmgDaemon -Socket $Socket)
            'Omg.RequestStatistic' = @((Get-OmgDaemon -Socket $Socket).Requests)
        }
    }

    function Assert-FitsWidth {
        param([object[]] $InputObject, [int] $Width, [string] $TypeName)
        $text = $InputObject | Format-Table | Out-String -Width $Width
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -BeGreaterThan 1 -Because "$TypeName renders a table"
        foreach ($line in $lines) {
            $line.Length | Should -BeLessOrEqual $Width -Because "$TypeName at $Width columns: '$line'"
        }
        # Header then dashes: a wrapped header would put more header text on the second line.
        $lines[1] | Should -Match '^[\s-]+$' -Because "$TypeName's headers fit on one line at $Width columns"
    }
}

AfterAll { Stop-TestDaemon }

Describe 'Default views' {
    It 'renders <TypeName> within <Width> columns' -ForEach @(
        foreach ($type in 'Omg.Package', 'Omg.PackageDetail', 'Omg.SystemStatus', 'Omg.RuntimeVersion', 'Omg.Suggestion', 'Omg.DaemonInfo', 'Omg.RequestStatistic') {
            foreach ($width in 80, 120) { @{ TypeName = $type; Width = $width } }
        }
    ) {
        $sample = (Get-ViewSample)[$TypeName]
        $sample.Count | Should -BeGreaterThan 0 -Because "the fixture daemon gives a $TypeName"
        $sample[0].PSObject.TypeNames[0] | Should -Be $TypeName
        Assert-FitsWidth -InputObject $sample -Width $Width -TypeName $TypeName
    }

    It 'cuts a long value short with an ellipsis at 80 columns' {
        $text = Get-OmgPackage vim -Socket $Socket | Format-Table | Out-String -Width 80
        $text | Should -Match '…'
    }
}
