# What a script relies on beyond the objects: $?, -ErrorAction Stop, error records a catch block can read, and
# Ctrl+C (PowerShell's Stop) ending a request in flight.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon
}

AfterAll { Stop-TestDaemon }

Describe 'Cmdlet behaviour' {
    It 'sets $? to false after a non-terminating error and true after success' {
        Get-OmgPackage nosuchpackage -Socket $Socket -ErrorAction SilentlyContinue
        $? | Should -BeFalse
        $null = Get-OmgPackage vim -Socket $Socket
        $? | Should -BeTrue
    }

    It 'turns a missing package into a catchable record with its id, category and target under -ErrorAction Stop' {
        $caught = $null
        try {
            Get-OmgPackage vim, nosuchpackage -Socket $Socket -ErrorAction Stop | Out-Null
        }
        catch {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be 'OmgPackageNotFound,Omg.PowerShell.GetOmgPackageCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.TargetObject | Should -Be 'nosuchpackage'
        $caught.Exception.Message | Should -Match 'nosuchpackage'
    }

    It 'keeps going after a missing name and collects the error in -ErrorVariable' {
        $found = Get-OmgPackage nosuchpackage, vim -Socket $Socket -ErrorAction SilentlyContinue -ErrorVariable problems
        $found.Name | Should -Be 'vim'
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'OmgPackageNotFound,*'
    }

    It 'supports -WhatIf and -Confirm:$false on the cmdlets that change the daemon' {
        (Get-Command Start-OmgDaemon).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command Stop-OmgDaemon).Parameters.Keys | Should -Contain 'Confirm'
        Stop-OmgDaemon -Socket $Socket -WhatIf
        (Get-OmgDaemon -Socket $Socket).Reachable | Should -BeTrue
    }

    It 'stops a request in flight when the pipeline is stopped (Ctrl+C)' {
        # A socket that accepts connections and never answers: the request can only end by being stopped.
        $dir = Split-Path (New-TestSocketPath)
        $path = Join-Path $dir 'silent.sock'
        $listener = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::Unix, [System.Net.Sockets.SocketType]::Stream, [System.Net.Sockets.ProtocolType]::Unspecified)
        $ps = $null
        try {
            $listener.Bind([System.Net.Sockets.UnixDomainSocketEndPoint]::new($path))
            $listener.Listen(4)
            $ps = [powershell]::Create()
            $null = $ps.AddCommand('Import-Module').AddArgument((Join-Path $RepoRoot 'Omg.psd1')).AddStatement()
            $null = $ps.AddCommand('Find-OmgPackage').AddParameter('Query', 'vim').AddParameter('Socket', $path)
            $running = $ps.BeginInvoke()
            # Wait until the request is out (the listener has a connection queued), then press "Ctrl+C".
            $accepted = $listener.AcceptAsync()
            $accepted.Wait(20000) | Should -BeTrue -Because 'the cmdlet connects to the socket'
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $stopping = $ps.BeginStop($null, $null)
            $stopping.AsyncWaitHandle.WaitOne(20000) | Should -BeTrue -Because 'Stop ends the request instead of waiting for an answer'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $accepted.Result.Dispose()
        }
        finally {
            if ($ps) { $ps.Dispose() }
            $listener.Dispose()
            Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
