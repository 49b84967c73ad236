/**
 * The page's words in English: the reference table. Every other language has exactly these keys
 * (a test checks it), with the same `{placeholders}`. Azure's wire strings — status codes,
 * `displayStatus`, error codes and messages, REST operation names, JSON — are not in any table:
 * they stay as Azure writes them.
 */
export const en = {
  'language.name': 'English',

  // The two regions and their states, as a reader says them.
  'region.power': 'Power',
  'region.provisioning': 'Provisioning',
  'power.creating': 'creating',
  'power.starting': 'starting',
  'power.running': 'running',
  'power.stopping': 'stopping',
  'power.stopped': 'stopped',
  'power.deallocating': 'deallocating',
  'power.deallocated': 'deallocated',
  'power.hibernated': 'hibernated',
  'power.unknown': 'unknown',
  'provisioning.creating': 'creating',
  'provisioning.updating': 'updating',
  'provisioning.deleting': 'deleting',
  'provisioning.succeeded': 'succeeded',
  'provisioning.failed': 'failed',
  'provisioning.osProvisioningInProgress': 'OS provisioning in progress',
  'provisioning.osProvisioningComplete': 'OS provisioning complete',
  'state.deleted': 'deleted',
  'status.line': '{powerRegion}: {power} · {provisioningRegion}: {provisioning}',
  'status.deleted': 'Deleted: the resource is gone',

  // Billing of compute, and why (the English sentences are the package's own, word for word).
  'billing.billed': 'Billed',
  'billing.notBilled': 'Not billed',
  'billing.unknown': 'Billing unknown',
  'billing.per': 'per {table}',
  'billing.table.seed-2018': '"Virtual machines lifecycle and states" (2018)',
  'billing.table.azure-2023': '"States and billing status of Azure Virtual Machines" (2023)',
  'billing.switch.seed-2018': '2018 (specification)',
  'billing.switch.azure-2023': '2023',
  'billing.disks': 'Disks and networking are billed separately in every state.',
  'billing.reason.creating': 'Hardware is still being allocated; no instance runs yet. {disks}',
  'billing.reason.starting.seed-2018': 'The 2018 table does not bill a booting VM (the 2023 table does). {disks}',
  'billing.reason.starting.azure-2023': 'The 2023 table bills a booting VM (the 2018 table does not). {disks}',
  'billing.reason.running': 'The VM runs on its host. {disks}',
  'billing.reason.stopping': 'The VM is shutting down but keeps its host. {disks}',
  'billing.reason.stopped':
    'Stopped (allocated): the hardware stays assigned to the VM, so compute is still billed; deallocate to stop paying for it. {disks}',
  'billing.reason.deallocating': 'The VM is being removed from its host. {disks}',
  'billing.reason.deallocated': 'Stopped (deallocated): the VM has no host. {disks}',
  'billing.reason.hibernated': 'Hibernated (deallocated): memory is saved to the OS disk and the VM has no host. {disks}',
  'billing.reason.unknown': 'Azure reports no power state, so whether compute is billed is unknown.',
  'billing.reason.deleted': 'The VM has been deleted; nothing is billed for it.',
  'meter.reading': '{billed} billed of {total} · {cost}',

  // Operations: the buttons' labels, in the words of the portal and the CLI.
  'operation.start': 'Start',
  'operation.powerOff': 'Power off (az vm stop)',
  'operation.deallocate': "Deallocate (the portal's Stop)",
  'operation.hibernate': 'Hibernate',
  'operation.restart': 'Restart',
  'operation.redeploy': 'Redeploy',
  'operation.reapply': 'Reapply',
  'operation.update': 'Update',
  'operation.delete': 'Delete',
  'operation.simulateEviction': 'Spot eviction',
  'operation.guestShutdown': 'Shut down inside the guest',
  'operation.platformEvict': 'Platform eviction',
  'operation.faultArm': 'Arm fault {code}',
  'operation.faultClear': 'Clear faults',
  'refusal.ignored': 'No effect: {reason}',

  // Why a guest or platform event has no effect (the package's sentences, word for word).
  'ignored.deleted': 'The VM has been deleted.',
  'ignored.guestNotRunning': 'The guest OS can only shut itself down while the VM is running; the power state is {power}.',
  'ignored.guestDeleting': 'The VM is being deleted; its power state stays as it is until deletion completes.',
  'ignored.evictRegular': 'Only Spot VMs are evicted; this VM is Regular priority.',
  'ignored.evictDeleting': 'The VM is being deleted.',
  'ignored.evictNotRunning': 'Only a running Spot VM is evicted; the power state is {power}.',
  'ignored.other': '{reason}',

  // The log.
  'log.created': 'PUT {name}: {image} {osType} image, {priority}{eviction}{hibernation}',
  'log.createdEviction': ' (eviction: {policy})',
  'log.createdHibernation': ', hibernation enabled',
  'log.sent': 'Sent {event}',
  'log.state': '{region}: {from} → {to}',
  'log.deleted': 'Deleted: the resource is gone (404 ResourceNotFound from now on)',
  'log.accepted': '{operation} accepted',
  'log.ended': '{operation} {status}',
  'log.endedWithError': '{operation} {status} — {code}: {message}',
  'log.rejected': '{event} → {status} {code}: {message}',
  'log.ignored': '{event} had no effect: {reason}',
  'log.notSent': '{operation} not sent — {answer}',
  'log.evictionScheduled': 'Spot eviction scheduled: Azure evicts the VM after {notice} of notice (policy {policy})',
  'log.evicted': 'Evicted (policy {policy})',
  'log.noTimer': 'No timer is pending.',
  'log.error': 'The machine stopped with an error: {message}',

  // Time travel.
  'travel.pausedAt': 'Paused at {time}',
  'travel.position': 'instant {index} of {count}',
  'travel.back': 'Step back',
  'travel.forward': 'Step forward',
  'travel.now': 'Back to now',
  'travel.continue': 'Continue from here',
  'travel.forked': 'New timeline from {time}: the later steps were dropped.',
  'travel.entry': 'Return to {time}',

  // Links.
  'link.copy': 'Copy link',
  'link.copied': 'Link copied: it opens this VM at this instant.',
  'link.shown': 'Copy this link:',
  'link.invalid': 'This link could not be opened: {problem} The page shows a new VM instead.',
  'link.notBase64': 'the run= parameter is not base64url text.',
  'link.notJson': 'the run= parameter does not hold JSON ({detail}).',
  'link.tooLong': 'the run= parameter is {length} characters long; at most {limit} are read.',
  'link.problem': '{path}: {detail}.',
  'link.scenarioUnknown': 'There is no scenario "{name}"; the scenarios are {names}.',
  'link.stepUnknown': 'Scenario "{name}" has steps 1 to {count}; the link asks for step {step}.',
  'link.langUnknown': 'There is no language "{lang}"; the languages are {langs}.',

  'link.detail.object': 'expected an object',
  'link.detail.array': 'expected a list',
  'link.detail.unknownKey': 'no such key; the keys are {keys}',
  'link.detail.version': 'expected {version}, the version of run links this page reads',
  'link.detail.input': '{detail}',
  'link.detail.tooMany': 'expected at most {limit} steps',
  'link.detail.pair': 'expected [milliseconds, event]',
  'link.detail.ms': 'expected a whole number of milliseconds from 0 to {max}',
  'link.detail.backwards': 'comes before the previous step, at {previous} ms',
  'link.detail.eventType': 'expected an event the VM accepts from outside: {types}',
  'link.detail.eventKey': 'the event {type} has no such field',
  'link.detail.boolean': 'expected true or false',
  'link.detail.faultCode': 'expected one of {codes}',
  'link.detail.endBeforeStep': 'comes before the last step, at {last} ms',
  'link.detail.instant': 'expected [milliseconds, steps sent]',
  'link.detail.instantOutside': 'is not an instant of this run of {steps} steps ending at {end} ms',

  // Scenarios.
  'scenario.choose': 'Scenarios',
  'scenario.none': 'Choose a scenario…',
  'scenario.next': 'Next',
  'scenario.back': 'Back',
  'scenario.close': 'Close',
  'scenario.step': 'Step {index} of {count}',
  'scenario.compare': 'The same VM, two ways',
  'scenario.stop-vs-deallocate.title': 'Stop versus deallocate, for 8 hours',
  'scenario.stop-vs-deallocate.1':
    'Azure accepts the PUT: it allocates hardware for the new VM. Nothing runs yet, so nothing is billed; the provisioning state is creating.',
  'scenario.stop-vs-deallocate.2':
    'The VM booted and the guest OS set itself up: running, provisioning succeeded. From the moment it runs, compute is billed.',
  'scenario.stop-vs-deallocate.3':
    'Power off (az vm stop): the guest shuts down, but the VM keeps its hardware, so it is still billed. Beside it, the same VM deallocated instead (the portal\'s Stop): no host, no bill.',
  'scenario.stop-vs-deallocate.4':
    'Eight hours later. Stopped, the VM was billed all night; deallocated, it cost only the minutes it ran. Disks are billed either way.',
  'scenario.stop-vs-deallocate.compare.powerOff': 'Power off (az vm stop)',
  'scenario.stop-vs-deallocate.compare.deallocate': "Deallocate (the portal's Stop)",
  'scenario.hibernate-and-resume.title': 'Hibernate and resume',
  'scenario.hibernate-and-resume.1':
    'A VM created with hibernation enabled (additionalCapabilities.hibernationEnabled), running and billed.',
  'scenario.hibernate-and-resume.2':
    'Hibernate (az vm deallocate --hibernate true): the VM saves its memory to the OS disk while it deallocates. The provisioning state is updating.',
  'scenario.hibernate-and-resume.3':
    'Hibernated: PowerState/deallocated plus HibernationState/Hibernated. No host, so compute is not billed.',
  'scenario.hibernate-and-resume.4':
    'Start resumes it: the VM boots with the memory it saved, and the provisioning state is updating again.',
  'scenario.hibernate-and-resume.5': 'Running again, with the programs it had open: billed again.',
  'scenario.spot-eviction.title': 'Spot eviction',
  'scenario.spot-eviction.1': 'A Spot VM (priority Spot, eviction policy Deallocate), running at a discount on spare capacity.',
  'scenario.spot-eviction.2':
    'Azure needs the capacity back (az vm simulate-eviction plays this): the VM gets 30 seconds of notice and keeps running meanwhile.',
  'scenario.spot-eviction.3':
    'Evicted: with the policy Deallocate the VM is deallocated and no longer billed. It can be started again when capacity allows.',
  'scenario.failed-update.title': 'A failed update and recovery',
  'scenario.failed-update.1': 'A running VM. An InternalOperationError is armed: the next operation will fail.',
  'scenario.failed-update.2': 'Update (az vm update): the provisioning state is updating; the VM keeps running.',
  'scenario.failed-update.3':
    'The update failed: ProvisioningState/failed/InternalOperationError. The VM is still running and billed; failed is not final.',
  'scenario.failed-update.4': 'Reapply (az vm reapply): Azure carries out the model again; updating.',
  'scenario.failed-update.5': 'Recovered: provisioning succeeded, and the error is gone from the instance view.',
  'scenario.generalized-image.title': 'Creating from a generalized image',
  'scenario.generalized-image.1':
    'A VM from a generalized image (sysprep or waagent -deprovision). Azure allocates hardware: ProvisioningState/creating, no power state yet.',
  'scenario.generalized-image.2': 'The VM boots: PowerState/starting. Not billed by the 2018 table; the 2023 table bills it.',
  'scenario.generalized-image.3':
    'Running while the guest OS sets itself up on first boot: ProvisioningState/creating/OSProvisioningInprogress.',
  'scenario.generalized-image.4':
    'The guest OS is set up: OSProvisioningComplete, brief while extensions install.',
  'scenario.generalized-image.5': 'Created: provisioning succeeded. A specialized image skips the OS-provisioning substates.',
} as const;

/** A key of the page's string tables. */
export type StringKey = keyof typeof en;

/** A whole table: every key, in one language. */
export type StringTable = Readonly<Record<StringKey, string>>;
