BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1')
    $script:DaemonPath = Get-TestDaemonPath
}

Describe 'Start-OmgDaemon' {
    BeforeEach {
        $script:Socket = New-TestSocketPath
    }

    AfterEach {
        Stop-OmgDaemon -Socket $Socket -Confirm:$false
        Remove-Item -LiteralPath (Split-Path $Socket) -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'starts omgd with extra arguments and reports it' {
        $info = Start-OmgDaemon -Socket $Socket -DaemonPath $DaemonPath -ArgumentList '--root', $FixtureRoot
        $info | Should -BeOfType ([Omg.DaemonInfo])
        $info.State | Should -Be 'started'
        $info.Reachable | Should -BeTrue
        (Get-OmgPackage vim -Socket $Socket).Name | Should -Be 'vim'
    }

    It 'resolves a relative -Root against the current location' {
        Push-Location (Split-Path $FixtureRoot)
        try {
            $info = Start-OmgDaemon -Socket $Socket -DaemonPath $DaemonPath -Root ./basic
        }
        finally {
            Pop-Location
        }
        $info.State | Should -Be 'started'
        # The fixture tree's packages, not the machine's: the relative path named the fixture, not /basic.
        (Get-OmgStatus -Socket $Socket).TotalPackages | Should -Be 29
        (Get-OmgPackage vim -Socket $Socket).InstalledVersion | Should -Be '2:9.0.1378-2'
    }

    It 'refuses a -Root that is not a directory, starting nothing' {
        { Start-OmgDaemon -Socket $Socket -DaemonPath $DaemonPath -Root ./no/such/tree } | Should -Throw -ErrorId 'OmgRootNotFound,Omg.PowerShell.StartOmgDaemonCommand'
        (Get-OmgDaemon -Socket $Socket).Reachable | Should -BeFalse
    }

    It 'reports an omgd that already runs' {
        $first = Start-OmgDaemon -Socket $Socket -DaemonPath $DaemonPath -ArgumentList '--root', $FixtureRoot
        $second = Start-OmgDaemon -Socket $Socket -DaemonPath $DaemonPath
        $second.State | Should -Be 'already running'
        $second.Pid | Should -Be $first.Pid
    }

    It 'starts nothing with -WhatIf' {
        Start-OmgDaemon -Socket $Socket -DaemonPath $DaemonPath -WhatIf | Should -BeNullOrEmpty
        (Get-OmgDaemon -Socket $Socket).Reachable | Should -BeFalse
    }

    It 'is a terminating ConnectionError naming what was tried when omgd cannot be started' {
        $err = { Start-OmgDaemon -Socket $Socket -DaemonPath (Join-Path (Split-Path $Socket) 'no-omgd') } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'OmgDaemonUnavailable,Omg.PowerShell.StartOmgDaemonCommand'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match ([regex]::Escape($Socket))
    }
}
