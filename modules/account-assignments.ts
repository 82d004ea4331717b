import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { Construct } from 'constructs';
import type { ITerraformDependable } from '../lib/cdktf';
import type { AssignmentModel } from '../model/environment';
import { pinAddress } from './private/address';

export interface AccountAssignmentsProps {
  /** Expanded assignments: one per principal × permission set × account. */
  readonly assignments: readonly AssignmentModel[];
  readonly instanceArn: string;
  readonly principalIdOf: (assignment: AssignmentModel) => string;
  readonly permissionSetArnOf: (permissionSetAddress: string) => string;
  /** What must exist before a set is assigned: its policy attachments. */
  readonly permissionSetDependenciesOf: (permissionSetAddress: string) => ITerraformDependable[];
  readonly accountIdOf: (assignment: AssignmentModel) => string;
}

/** `aws_ssoadmin_account_assignment.<user|group>_<principal>__<set>__<account>`: who may use which set where. */
export class AccountAssignments extends Construct {
  constructor(scope: Construct, id: string, props: AccountAssignmentsProps) {
    super(scope, id);
    for (const assignment of props.assignments) {
      const dependencies = props.permissionSetDependenciesOf(assignment.permissionSetAddress);
      pinAddress(
        new SsoadminAccountAssignment(this, assignment.address, {
          instanceArn: props.instanceArn,
          permissionSetArn: props.permissionSetArnOf(assignment.permissionSetAddress),
          principalId: props.principalIdOf(assignment),
          principalType: assignment.principalType,
          targetId: props.accountIdOf(assignment),
          targetType: 'AWS_ACCOUNT',
          dependsOn: dependencies.length > 0 ? dependencies : undefined,
        }),
        assignment.address,
      );
    }
  }
}
