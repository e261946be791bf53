BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1')
    . (Join-Path $PSScriptRoot 'Audit.Tests.Helpers.ps1')
    $script:Daemon = Start-AuditTestDaemon
    $script:Socket = $script:Daemon.Socket
}

AfterAll {
    Stop-TestDaemon
}

Describe 'Update-OmgAdvisory' {
    It 'imports nothing with -WhatIf' {
        Update-OmgAdvisory -Socket $Socket -Source (Join-Path $Advisories 'debian-tracker.json') -WhatIf | Should -BeNullOrEmpty
        Invoke-OmgAudit -Socket $Socket -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'returns one Omg.AdvisoryUpdate per source, relative paths resolved against the current location' {
        Push-Location $Advisories
        try {
            $results = @(Update-OmgAdvisory -Socket $Socket -Source 'debian-tracker.json', 'osv')
        }
        finally {
            Pop-Location
        }
        $results.Count | Should -Be 2
        $results[0].PSObject.TypeNames[0] | Should -Be 'Omg.AdvisoryUpdate'
        $results[0].Source | Should -Be (Join-Path $Advisories 'debian-tracker.json')
        $results[0].Advisories | Should -Be 13
        $results[1].Advisories | Should -Be 3
        $results[0].ToString() | Should -Match '13 advisories'
    }

    It 'takes sources from the pipeline' {
        $results = @(Join-Path $Advisories 'osv' | Update-OmgAdvisory -Socket $Socket)
        $results.Count | Should -Be 1
    }

    It 'refuses a corrupt source with an error naming it and keeps the data loaded before' {
        $bad = Join-Path (Split-Path $Socket) 'bad.json'
        Set-Content -LiteralPath $bad -Value '{"openssl": {"CVE-1": '
        $result = Update-OmgAdvisory -Socket $Socket -Source $bad -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OmgAdvisoryDataUnavailable*'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape($bad))
        @(Invoke-OmgAudit -Socket $Socket).Count | Should -Be 12
    }
}
