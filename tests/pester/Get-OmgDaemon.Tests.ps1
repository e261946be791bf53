BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon
}

AfterAll { Stop-TestDaemon }

Describe 'Get-OmgDaemon' {
    It 'describes a running daemon' {
        $info = Get-OmgDaemon -Socket $Socket
        $info | Should -BeOfType ([Omg.DaemonInfo])
        $info.Reachable | Should -BeTrue
        $info.State | Should -Be 'running'
        $info.Pid | Should -Be $Daemon.Process.Id
        $info.Socket | Should -Be $Socket
        $info.Version | Should -Not -BeNullOrEmpty
        $info.UptimeSeconds | Should -BeOfType ([long])
    }

    It 'resolves a relative -Socket against the current location' {
        Push-Location (Split-Path $Socket)
        try {
            (Get-OmgDaemon -Socket ./omg.sock).Socket | Should -Be $Socket
        }
        finally {
            Pop-Location
        }
    }

    It 'reports a daemon that does not answer without starting one' {
        $missing = New-TestSocketPath
        $info = Get-OmgDaemon -Socket $missing
        $info.Reachable | Should -BeFalse
        $info.State | Should -Be 'not running'
        Test-Path -LiteralPath $missing | Should -BeFalse
    }

    It 'lists request counters as objects' {
        Get-OmgStatus -Socket $Socket | Out-Null
        $requests = (Get-OmgDaemon -Socket $Socket).Requests
        ($requests | Where-Object Name -eq 'Status').Count | Should -BeGreaterOrEqual 1
    }

    It 'formats as a table with the expected columns' {
        $table = Get-OmgDaemon -Socket $Socket | Format-Table | Out-String
        foreach ($column in 'State', 'Reachable', 'Pid', 'Version', 'UptimeSeconds', 'Socket') {
            $table | Should -Match $column
        }
    }

    It 'shows the connection and byte counters in a list, as docs/cmdlets.md says' {
        $list = Get-OmgDaemon -Socket $Socket | Format-List | Out-String
        foreach ($counter in 'ActiveConnections', 'TotalConnections', 'RejectedConnections', 'BytesIn', 'BytesOut', 'RateLimited', 'ValidationFailures') {
            $list | Should -Match $counter
        }
    }
}
