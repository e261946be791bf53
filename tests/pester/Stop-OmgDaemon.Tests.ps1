BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1')
}

Describe 'Stop-OmgDaemon' {
    BeforeEach {
        $script:Daemon = Start-TestDaemon
        $script:Socket = $script:Daemon.Socket
    }

    AfterEach {
        Stop-TestDaemon $script:Daemon
    }

    It 'stops omgd and waits for its socket to vanish' {
        Stop-OmgDaemon -Socket $Socket -Confirm:$false | Should -BeNullOrEmpty
        Test-Path -LiteralPath $Socket | Should -BeFalse
        $Daemon.Process.WaitForExit(5000) | Should -BeTrue
    }

    It 'reports the stopped daemon with -PassThru' {
        $info = Stop-OmgDaemon -Socket $Socket -PassThru -Confirm:$false
        $info.State | Should -Be 'stopped'
        $info.Pid | Should -Be $Daemon.Process.Id
        $info.Reachable | Should -BeFalse
    }

    It 'stops nothing with -WhatIf' {
        Stop-OmgDaemon -Socket $Socket -WhatIf
        (Get-OmgDaemon -Socket $Socket).Reachable | Should -BeTrue
    }

    It 'does nothing when no daemon answers' {
        $missing = New-TestSocketPath
        { Stop-OmgDaemon -Socket $missing -Confirm:$false } | Should -Not -Throw
        Stop-OmgDaemon -Socket $missing -PassThru -Confirm:$false | ForEach-Object State | Should -Be 'not running'
    }
}
