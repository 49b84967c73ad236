/**
 * De woorden van de pagina in het Nederlands. De namen van de statussen en de facturering zijn die
 * van de specificatie ("Levens cyclus en statussen van virtuele machines": Starten, Wordt
 * uitgevoerd, Stoppen, Gestopt, Vrijgeven, Toewijzing ongedaan gemaakt, Gefactureerd, Niet
 * gefactureerd; Maken, Bijwerken, Verwijderen, Geslaagd, Mislukt). Azure's eigen teksten
 * (statuscodes, displayStatus, foutcodes en -meldingen, REST-namen, JSON) blijven zoals Azure ze schrijft.
 */
import type { StringTable } from './en.js';

export const nl = {
  'language.name': 'Nederlands',

  'region.power': 'Energie',
  'region.provisioning': 'Inrichting',
  'power.creating': 'maken',
  'power.starting': 'starten',
  'power.running': 'wordt uitgevoerd',
  'power.stopping': 'stoppen',
  'power.stopped': 'gestopt',
  'power.deallocating': 'vrijgeven',
  'power.deallocated': 'toewijzing ongedaan gemaakt',
  'power.hibernated': 'in sluimerstand',
  'power.unknown': 'onbekend',
  'provisioning.creating': 'maken',
  'provisioning.updating': 'bijwerken',
  'provisioning.deleting': 'verwijderen',
  'provisioning.succeeded': 'geslaagd',
  'provisioning.failed': 'mislukt',
  'provisioning.osProvisioningInProgress': 'besturingssysteem wordt ingericht',
  'provisioning.osProvisioningComplete': 'inrichting besturingssysteem voltooid',
  'state.deleted': 'verwijderd',
  'status.line': '{powerRegion}: {power} · {provisioningRegion}: {provisioning}',
  'status.deleted': 'Verwijderd: de resource bestaat niet meer',

  'billing.billed': 'Gefactureerd',
  'billing.notBilled': 'Niet gefactureerd',
  'billing.unknown': 'Facturering onbekend',
  'billing.per': 'volgens {table}',
  'billing.table.seed-2018': '"Levens cyclus en statussen van virtuele machines" (2018)',
  'billing.table.azure-2023': '"Statussen en factureringsstatus van Azure Virtual Machines" (2023)',
  'billing.switch.seed-2018': '2018 (specificatie)',
  'billing.switch.azure-2023': '2023',
  'billing.disks': 'Schijven en netwerken worden in elke status apart gefactureerd.',
  'billing.reason.creating': 'Er wordt nog hardware toegewezen; er draait nog geen exemplaar. {disks}',
  'billing.reason.starting.seed-2018': 'De tabel van 2018 factureert een opstartende VM niet (die van 2023 wel). {disks}',
  'billing.reason.starting.azure-2023': 'De tabel van 2023 factureert een opstartende VM (die van 2018 niet). {disks}',
  'billing.reason.running': 'De VM draait op zijn host. {disks}',
  'billing.reason.stopping': 'De VM wordt afgesloten, maar houdt zijn host. {disks}',
  'billing.reason.stopped':
    'Gestopt (toegewezen): de hardware blijft aan de VM toegewezen, dus rekenkracht wordt nog steeds gefactureerd; hef de toewijzing op om er niet meer voor te betalen. {disks}',
  'billing.reason.deallocating': 'De VM wordt van zijn host gehaald. {disks}',
  'billing.reason.deallocated': 'Gestopt (toewijzing ongedaan gemaakt): de VM heeft geen host. {disks}',
  'billing.reason.hibernated':
    'In sluimerstand (toewijzing ongedaan gemaakt): het geheugen staat op de besturingssysteemschijf en de VM heeft geen host. {disks}',
  'billing.reason.unknown': 'Azure meldt geen energiestatus, dus of rekenkracht wordt gefactureerd is onbekend.',
  'billing.reason.deleted': 'De VM is verwijderd; er wordt niets meer voor gefactureerd.',
  'meter.reading': '{billed} gefactureerd van {total} · {cost}',

  'operation.start': 'Starten',
  'operation.powerOff': 'Uitschakelen (az vm stop)',
  'operation.deallocate': 'Toewijzing opheffen (Stoppen in de portal)',
  'operation.hibernate': 'Sluimerstand',
  'operation.restart': 'Opnieuw opstarten',
  'operation.redeploy': 'Opnieuw implementeren',
  'operation.reapply': 'Opnieuw toepassen',
  'operation.update': 'Bijwerken',
  'operation.delete': 'Verwijderen',
  'operation.simulateEviction': 'Spot-verwijdering (eviction)',
  'operation.guestShutdown': 'Afsluiten in het gastbesturingssysteem',
  'operation.platformEvict': 'Verwijdering door het platform',
  'operation.faultArm': 'Fout {code} klaarzetten',
  'operation.faultClear': 'Fouten wissen',
  'refusal.ignored': 'Geen effect: {reason}',

  'ignored.deleted': 'De VM is verwijderd.',
  'ignored.guestNotRunning':
    'Het gastbesturingssysteem kan zichzelf alleen afsluiten terwijl de VM wordt uitgevoerd; de energiestatus is {power}.',
  'ignored.guestDeleting': 'De VM wordt verwijderd; zijn energiestatus blijft zoals hij is tot het verwijderen klaar is.',
  'ignored.evictRegular': "Alleen Spot-VM's worden verwijderd (eviction); deze VM heeft prioriteit Regular.",
  'ignored.evictDeleting': 'De VM wordt verwijderd.',
  'ignored.evictNotRunning': 'Alleen een Spot-VM die wordt uitgevoerd, wordt verwijderd (eviction); de energiestatus is {power}.',
  'ignored.other': '{reason}',

  'log.created': 'PUT {name}: {image} {osType}-installatiekopie, {priority}{eviction}{hibernation}',
  'log.createdEviction': ' (verwijderingsbeleid: {policy})',
  'log.createdHibernation': ', sluimerstand ingeschakeld',
  'log.sent': '{event} verzonden',
  'log.state': '{region}: {from} → {to}',
  'log.deleted': 'Verwijderd: de resource bestaat niet meer (vanaf nu 404 ResourceNotFound)',
  'log.accepted': '{operation} geaccepteerd',
  'log.ended': '{operation} {status}',
  'log.endedWithError': '{operation} {status} — {code}: {message}',
  'log.rejected': '{event} → {status} {code}: {message}',
  'log.ignored': '{event} had geen effect: {reason}',
  'log.notSent': '{operation} niet verzonden — {answer}',
  'log.evictionScheduled': 'Spot-verwijdering gepland: Azure verwijdert de VM na {notice} opzegtijd (beleid {policy})',
  'log.evicted': 'Verwijderd door Spot-eviction (beleid {policy})',
  'log.noTimer': 'Er loopt geen timer.',
  'log.error': 'De machine is met een fout gestopt: {message}',

  'travel.pausedAt': 'Gepauzeerd op {time}',
  'travel.position': 'moment {index} van {count}',
  'travel.back': 'Stap terug',
  'travel.forward': 'Stap vooruit',
  'travel.now': 'Terug naar nu',
  'travel.continue': 'Verder vanaf hier',
  'travel.forked': 'Nieuwe tijdlijn vanaf {time}: de latere stappen zijn vervallen.',
  'travel.entry': 'Terug naar {time}',

  'link.copy': 'Link kopiëren',
  'link.copied': 'Link gekopieerd: hij opent deze VM op dit moment.',
  'link.shown': 'Kopieer deze link:',
  'link.invalid': 'Deze link kon niet worden geopend: {problem} De pagina toont in plaats daarvan een nieuwe VM.',
  'link.notBase64': 'de parameter run= is geen base64url-tekst.',
  'link.notJson': 'de parameter run= bevat geen JSON ({detail}).',
  'link.tooLong': 'de parameter run= is {length} tekens lang; er worden er hoogstens {limit} gelezen.',
  'link.problem': '{path}: {detail}.',
  'link.scenarioUnknown': 'Er is geen scenario "{name}"; de scenario\'s zijn {names}.',
  'link.stepUnknown': 'Scenario "{name}" heeft de stappen 1 tot en met {count}; de link vraagt om stap {step}.',
  'link.langUnknown': 'Er is geen taal "{lang}"; de talen zijn {langs}.',

  'link.detail.object': 'verwacht een object',
  'link.detail.array': 'verwacht een lijst',
  'link.detail.unknownKey': 'onbekende sleutel; de sleutels zijn {keys}',
  'link.detail.version': 'verwacht {version}, de versie van run-links die deze pagina leest',
  'link.detail.input': '{detail}',
  'link.detail.tooMany': 'verwacht hoogstens {limit} stappen',
  'link.detail.pair': 'verwacht [milliseconden, gebeurtenis]',
  'link.detail.ms': 'verwacht een geheel aantal milliseconden van 0 tot {max}',
  'link.detail.backwards': 'valt vóór de vorige stap, op {previous} ms',
  'link.detail.eventType': 'verwacht een gebeurtenis die de VM van buiten aanneemt: {types}',
  'link.detail.eventKey': 'de gebeurtenis {type} heeft zo\'n veld niet',
  'link.detail.boolean': 'verwacht true of false',
  'link.detail.faultCode': 'verwacht een van {codes}',
  'link.detail.endBeforeStep': 'valt vóór de laatste stap, op {last} ms',
  'link.detail.instant': 'verwacht [milliseconden, verzonden stappen]',
  'link.detail.instantOutside': 'is geen moment van deze run van {steps} stappen die eindigt op {end} ms',

  'scenario.choose': "Scenario's",
  'scenario.none': 'Kies een scenario…',
  'scenario.next': 'Volgende',
  'scenario.back': 'Vorige',
  'scenario.close': 'Sluiten',
  'scenario.step': 'Stap {index} van {count}',
  'scenario.compare': 'Dezelfde VM, op twee manieren',
  'scenario.stop-vs-deallocate.title': 'Stoppen of toewijzing opheffen, 8 uur lang',
  'scenario.stop-vs-deallocate.1':
    'Azure accepteert de PUT: het wijst hardware toe aan de nieuwe VM. Er draait nog niets, dus er wordt niets gefactureerd; de inrichtingsstatus is maken.',
  'scenario.stop-vs-deallocate.2':
    'De VM is opgestart en het gastbesturingssysteem heeft zichzelf ingericht: wordt uitgevoerd, inrichting geslaagd. Vanaf het moment dat hij draait, wordt rekenkracht gefactureerd.',
  'scenario.stop-vs-deallocate.3':
    'Uitschakelen (az vm stop): het gastbesturingssysteem sluit af, maar de VM houdt zijn hardware en wordt dus nog steeds gefactureerd. Ernaast dezelfde VM waarvan de toewijzing is opgeheven (Stoppen in de portal): geen host, geen factuur.',
  'scenario.stop-vs-deallocate.4':
    'Acht uur later. Gestopt werd de VM de hele nacht gefactureerd; zonder toewijzing kostte hij alleen de minuten dat hij draaide. Schijven worden in beide gevallen gefactureerd.',
  'scenario.stop-vs-deallocate.compare.powerOff': 'Uitschakelen (az vm stop)',
  'scenario.stop-vs-deallocate.compare.deallocate': 'Toewijzing opheffen (Stoppen in de portal)',
  'scenario.hibernate-and-resume.title': 'Sluimerstand en hervatten',
  'scenario.hibernate-and-resume.1':
    'Een VM gemaakt met sluimerstand ingeschakeld (additionalCapabilities.hibernationEnabled), wordt uitgevoerd en gefactureerd.',
  'scenario.hibernate-and-resume.2':
    'Sluimerstand (az vm deallocate --hibernate true): de VM schrijft zijn geheugen naar de besturingssysteemschijf terwijl de toewijzing wordt opgeheven. De inrichtingsstatus is bijwerken.',
  'scenario.hibernate-and-resume.3':
    'In sluimerstand: PowerState/deallocated plus HibernationState/Hibernated. Geen host, dus rekenkracht wordt niet gefactureerd.',
  'scenario.hibernate-and-resume.4':
    'Starten hervat hem: de VM start op met het geheugen dat hij bewaarde, en de inrichtingsstatus is weer bijwerken.',
  'scenario.hibernate-and-resume.5': 'Wordt weer uitgevoerd, met de programma\'s die open stonden: weer gefactureerd.',
  'scenario.spot-eviction.title': 'Spot-verwijdering (eviction)',
  'scenario.spot-eviction.1':
    'Een Spot-VM (prioriteit Spot, verwijderingsbeleid Deallocate) die met korting op vrije capaciteit wordt uitgevoerd.',
  'scenario.spot-eviction.2':
    'Azure heeft de capaciteit terug nodig (az vm simulate-eviction speelt dit na): de VM krijgt 30 seconden opzegtijd en blijft intussen draaien.',
  'scenario.spot-eviction.3':
    'Verwijderd (eviction): met het beleid Deallocate wordt de toewijzing opgeheven en wordt de VM niet meer gefactureerd. Hij kan weer starten zodra er capaciteit is.',
  'scenario.failed-update.title': 'Een mislukte update en herstel',
  'scenario.failed-update.1': 'Een VM die wordt uitgevoerd. Er staat een InternalOperationError klaar: de volgende bewerking mislukt.',
  'scenario.failed-update.2': 'Bijwerken (az vm update): de inrichtingsstatus is bijwerken; de VM blijft draaien.',
  'scenario.failed-update.3':
    'De update is mislukt: ProvisioningState/failed/InternalOperationError. De VM draait nog en wordt gefactureerd; mislukt is geen eindtoestand.',
  'scenario.failed-update.4': 'Opnieuw toepassen (az vm reapply): Azure voert het model opnieuw uit; bijwerken.',
  'scenario.failed-update.5': 'Hersteld: inrichting geslaagd, en de fout staat niet meer in de instantieweergave.',
  'scenario.generalized-image.title': 'Maken vanuit een gegeneraliseerde installatiekopie',
  'scenario.generalized-image.1':
    'Een VM vanuit een gegeneraliseerde installatiekopie (sysprep of waagent -deprovision). Azure wijst hardware toe: ProvisioningState/creating, nog geen energiestatus.',
  'scenario.generalized-image.2':
    'De VM start op: PowerState/starting. Niet gefactureerd volgens de tabel van 2018; de tabel van 2023 factureert het wel.',
  'scenario.generalized-image.3':
    'Wordt uitgevoerd terwijl het gastbesturingssysteem zich bij de eerste start inricht: ProvisioningState/creating/OSProvisioningInprogress.',
  'scenario.generalized-image.4':
    'Het gastbesturingssysteem is ingericht: OSProvisioningComplete, kort terwijl extensies worden geïnstalleerd.',
  'scenario.generalized-image.5':
    'Gemaakt: inrichting geslaagd. Een gespecialiseerde installatiekopie slaat de inrichtingsstatussen van het besturingssysteem over.',
} as const satisfies StringTable;
