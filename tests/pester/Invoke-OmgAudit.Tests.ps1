BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1')
    . (Join-Path $PSScriptRoot 'Audit.Tests.Helpers.ps1')
    $script:Daemon = Start-AuditTestDaemon
    $script:Socket = $script:Daemon.Socket
}

AfterAll {
    Stop-TestDaemon
}

Describe 'Invoke-OmgAudit' {
    It 'is an ResourceUnavailable error before any advisories are imported, never a clean answer' {
        $found = Invoke-OmgAudit -Socket $Socket -ErrorVariable failures -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OmgAdvisoryDataUnavailable*'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        (Get-OmgStatus -Socket $Socket).AdvisoriesLoaded | Should -BeFalse
    }

    Context 'with the fixture advisories' {
        BeforeAll {
            Update-OmgAdvisory -Socket $Socket -Source (Join-Path $Advisories 'debian-tracker.json'), (Join-Path $Advisories 'osv') | Out-Null
        }

        It 'emits one Omg.Vulnerability per package and advisory' {
            $found = @(Invoke-OmgAudit -Socket $Socket)
            $found.Count | Should -Be 12
            $found[0].PSObject.TypeNames[0] | Should -Be 'Omg.Vulnerability'
            $libssl = $found | Where-Object Package -EQ 'libssl3'
            $libssl.Id | Should -Be 'CVE-2024-9143'
            $libssl.Source | Should -Be 'openssl'
            $libssl.InstalledVersion | Should -Be '3.0.15-1~deb12u1'
            $libssl.FixedVersion | Should -Be '3.0.16-1~deb12u1'
            $libssl.Severity | Should -Be 'high'
            ($found | Where-Object Package -EQ 'libtinfo6').Aliases | Should -Be @('CVE-2023-50495')
        }

        It 'filters by package with wildcards and by minimum severity' {
            (Invoke-OmgAudit -Socket $Socket -Package 'vim*').Package | Sort-Object | Should -Be @('vim', 'vim-common', 'vim-runtime', 'vim-tiny')
            $high = @(Invoke-OmgAudit -Socket $Socket -MinimumSeverity High)
            $high.Package | Sort-Object | Should -Be @('libssl3', 'libtinfo6', 'openssl')
        }

        It 'emits the totals with -Summary' {
            $summary = Invoke-OmgAudit -Socket $Socket -Summary
            $summary.PSObject.TypeNames[0] | Should -Be 'Omg.AuditSummary'
            $summary.TotalVulnerabilities | Should -Be 12
            $summary.HighSeverity | Should -Be 3
            $summary.Packages | Should -Be 12
        }

        It 'formats as a table grouped by package within 80 columns' {
            $text = Invoke-OmgAudit -Socket $Socket | Out-String -Width 80
            $text | Should -Match 'Package: libssl3'
            $text | Should -Match 'CVE-2024-9143'
            ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        }

        It 'has Get-OmgStatus show the count' {
            $status = Get-OmgStatus -Socket $Socket
            $status.AdvisoriesLoaded | Should -BeTrue
            $status.SecurityVulnerabilities | Should -Be 12
        }

        It 'renders the vulnerability, summary and update tables within <_> columns' -ForEach 80, 120 {
            $width = $_
            $samples = @(
                @(Invoke-OmgAudit -Socket $Socket),
                @(Invoke-OmgAudit -Socket $Socket -Summary),
                @(Update-OmgAdvisory -Socket $Socket -Source (Join-Path $Advisories 'debian-tracker.json'))
            )
            foreach ($sample in $samples) {
                $lines = @(($sample | Format-Table | Out-String -Width $width) -split "`r?`n" | Where-Object { $_.Trim() })
                foreach ($line in $lines) {
                    $line.Length | Should -BeLessOrEqual $width -Because "$($sample[0].PSObject.TypeNames[0]) at $width columns: '$line'"
                }
            }
        }

        It 'keeps the audit objects and their tables across CliXml (remoting, jobs)' {
            foreach ($live in @(@(Invoke-OmgAudit -Socket $Socket), @(Invoke-OmgAudit -Socket $Socket -Summary))) {
                $path = Join-Path $TestDrive 'audit.xml'
                $live | Export-Clixml -LiteralPath $path
                $back = @(Import-Clixml -LiteralPath $path)
                $back[0].PSObject.TypeNames[0] | Should -Be "Deserialized.$($live[0].PSObject.TypeNames[0])"
                ($back | Format-Table | Out-String -Width 120) | Should -Be ($live | Format-Table | Out-String -Width 120)
            }
        }
    }
}
