import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { Construct } from 'constructs';
import type { ITerraformDependable } from '../lib/cdktf';
import { terraformExpression } from '../lib/terraform-template';
import type { OrganizationAssignmentModel } from '../model/environment';
import { pinAddress } from './private/address';

export interface OrganizationAccountAssignmentsProps {
  /** One per principal × permission set whose accounts are read from the live organization. */
  readonly assignments: readonly OrganizationAssignmentModel[];
  readonly instanceArn: string;
  readonly principalIdOf: (assignment: OrganizationAssignmentModel) => string;
  readonly permissionSetArnOf: (permissionSetAddress: string) => string;
  /** What must exist before a set is assigned: its policy attachments. */
  readonly permissionSetDependenciesOf: (permissionSetAddress: string) => ITerraformDependable[];
  /** The account IDs a grant reaches, as a Terraform expression (without `${}`) for a list of strings. */
  readonly accountIdsOf: (assignment: OrganizationAssignmentModel) => string;
}

/**
 * `aws_ssoadmin_account_assignment.<user|group>_<principal>__<set>["<account ID>"]`: a grant to the
 * accounts an OU or the whole organization holds at plan time, one instance per account, keyed by its
 * ID. An account created later, outside this project, gets an instance at the next plan; one that leaves
 * the OU (or is closed) loses its instance; no other instance's address changes.
 */
export class OrganizationAccountAssignments extends Construct {
  constructor(scope: Construct, id: string, props: OrganizationAccountAssignmentsProps) {
    super(scope, id);
    for (const assignment of props.assignments) {
      const dependencies = props.permissionSetDependenciesOf(assignment.permissionSetAddress);
      const resource = pinAddress(
        new SsoadminAccountAssignment(this, assignment.address, {
          instanceArn: props.instanceArn,
          permissionSetArn: props.permissionSetArnOf(assignment.permissionSetAddress),
          principalId: props.principalIdOf(assignment),
          principalType: assignment.principalType,
          targetId: terraformExpression('each.key'),
          targetType: 'AWS_ACCOUNT',
          dependsOn: dependencies.length > 0 ? dependencies : undefined,
        }),
        assignment.address,
      );
      // for_each over a set of account IDs: each instance's key is the account ID (https://developer.hashicorp.com/terraform/language/meta-arguments/for_each).
      resource.addOverride('for_each', terraformExpression(`toset(${props.accountIdsOf(assignment)})`));
    }
  }
}
